import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GitHttpServer, startGitHttpServer } from '../../peers/git-http';
import { reply, type ScriptedServer, startScriptedServer } from '../../peers/scripted-server';
import { plant } from './no-secret-on-disk';
import type { LatchRun } from './run-latch';
import { type ToolEnv, toolEnv } from './tool-env';

// Random, so the values appear nowhere else (not even in this file's compiled copy in a cache).
const PLANTED = plant('git');
const TEAM_PLANTED = plant('team');
const CAROL = plant('carol');
const FRESH_TOKEN = plant('oauth');
const FRESH_REFRESH = plant('refresh');
const DAVE = plant('dave');
const DAVE_REFRESH = plant('dave-refresh');
const GINA = plant('gina');
const GINA_REFRESH = plant('gina-refresh');
const TOKEN = plant('token');
const YVES = plant('yves');
const DEPLOY_KEY = plant('deploy-key');
const ZOE = plant('zoe');

/** A helper's answer (git-credential(1) key=value lines) as an object. */
const attributes = (stdout: string) =>
  Object.fromEntries(
    stdout
      .trim()
      .split('\n')
      .map((l) => l.split(/=(.*)/s).slice(0, 2)),
  ) as Record<string, string>;
let t: ToolEnv;
let server: GitHttpServer;
let gitHome: string;

/**
 * Real git, with nothing from the user's own config: only the helper the test names (by default the documented
 * "!latch git-credential" form, the built latch on PATH). Asynchronous: the HTTP server git talks to runs in this process.
 */
function git(args: string[], o: { cwd?: string; input?: string; helper?: string } = {}) {
  const helper = o.helper ?? '!latch git-credential';
  return t.program(['git', '-c', 'credential.helper=', '-c', `credential.helper=${helper}`, ...args], {
    cwd: o.cwd ?? t.dir,
    stdin: o.input ?? '',
    env: {
      HOME: gitHome,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_TERMINAL_PROMPT: '0',
      GIT_AUTHOR_NAME: 'T',
      GIT_AUTHOR_EMAIL: 't@example.invalid',
      GIT_COMMITTER_NAME: 'T',
      GIT_COMMITTER_EMAIL: 't@example.invalid',
    },
  });
}

const ok = (r: LatchRun) => expect(r.code, r.stderr).toBe(0);

/** The services and their credentials' names, as `latch list --json` gives them. */
const listed = async () =>
  JSON.parse((await t.latch(['list', '--json'])).stdout).services as {
    name: string;
    credentials: { name: string }[];
  }[];

beforeAll(async () => {
  t = await toolEnv('git');
  gitHome = join(t.dir, 'git-home');
  mkdirSync(gitHome);
  const projects = join(t.dir, 'projects');
  mkdirSync(projects);
  ok(await git(['init', '--bare', '-q', join(projects, 'repo.git')]));
  ok(await git(['init', '--bare', '-q', join(projects, 'team', 'repo.git')]));
  const seed = join(t.dir, 'seed');
  ok(await git(['init', '-q', '-b', 'main', seed]));
  writeFileSync(join(seed, 'README'), 'hello\n');
  ok(await git(['add', 'README'], { cwd: seed }));
  ok(await git(['commit', '-qm', 'first'], { cwd: seed }));
  ok(await git(['push', '-q', join(projects, 'repo.git'), 'main'], { cwd: seed }));
  ok(await git(['-C', join(projects, 'repo.git'), 'symbolic-ref', 'HEAD', 'refs/heads/main']));
  server = await startGitHttpServer(projects, 'alice', PLANTED);

  const add = await t.withPassword(
    [
      'add',
      'Git server',
      '--kind',
      'basic',
      '--name',
      'alice',
      '--url',
      server.url,
      '--field',
      'username=alice',
      '--field',
      'password=-',
    ],
    `${PLANTED}\n`,
  );
  expect(add.code, add.stderr).toBe(0);
  const team = await t.withPassword(
    [
      'add',
      'Team',
      '--kind',
      'basic',
      '--name',
      'bob',
      '--url',
      `${server.url}/team`,
      '--field',
      'username=bob',
      '--field',
      'password=-',
    ],
    `${TEAM_PLANTED}\n`,
  );
  expect(team.code, team.stderr).toBe(0);
  await t.unlock();
});

afterAll(async () => {
  await server?.close();
  await t?.close();
});

describe('latch git-credential with real git against git http-backend demanding Basic auth', () => {
  it('clone (the "!latch git-credential" form) and push (credential.helper=latch, the built helper) succeed; the password is only in the vault', async () => {
    const clone = join(t.dir, 'clone');
    ok(await git(['clone', '-q', `${server.url}/repo.git`, clone]));
    expect(server.auths).toContain(`Basic ${Buffer.from(`alice:${PLANTED}`).toString('base64')}`);

    writeFileSync(join(clone, 'CHANGE'), 'pushed through latch\n');
    ok(await git(['add', 'CHANGE'], { cwd: clone }));
    ok(await git(['commit', '-qm', 'second'], { cwd: clone }));
    ok(await git(['push', '-q', 'origin', 'main'], { cwd: clone, helper: 'latch' }));
    const log = await git(['-C', join(t.dir, 'projects', 'repo.git'), 'log', '--format=%s', 'main']);
    expect(log.stdout.split('\n')).toContain('second');
    expect(t.filesHolding(PLANTED)).toEqual([]);
  });

  it("the literal form credential.helper 'latch git-credential' (git runs git-credential-latch git-credential get): a fresh clone succeeds", async () => {
    const before = server.auths.length;
    const clone = join(t.dir, 'clone-literal');
    ok(await git(['clone', '-q', `${server.url}/repo.git`, clone], { helper: 'latch git-credential' }));
    expect(server.auths.slice(before)).toContain(`Basic ${Buffer.from(`alice:${PLANTED}`).toString('base64')}`);
    const fill = await git(['credential', 'fill'], {
      input: `url=${server.url}/repo.git\n\n`,
      helper: 'latch git-credential',
    });
    expect(fill.stdout).toContain(`username=alice\npassword=${PLANTED}\n`);
  });

  it('matches by host, and by path with credential.useHttpPath', async () => {
    const fill = (url: string, extra: string[] = []) =>
      git([...extra, 'credential', 'fill'], { input: `url=${url}\n\n` });
    expect((await fill(`${server.url}/repo.git`)).stdout).toContain(`username=alice\npassword=${PLANTED}\n`);
    const team = await fill(`${server.url}/team/repo.git`, ['-c', 'credential.useHttpPath=true']);
    expect(team.stdout).toContain(`username=bob\npassword=${TEAM_PLANTED}\n`);
    // git hands the helper the path decoded and with its dots (team/../repo.git); curl asks for /repo.git, not
    // under /team: the host's own credential answers, never the team's.
    for (const away of ['team/../repo.git', 'team/%2e%2e/repo.git', 'team%2F..%2Frepo.git']) {
      const r = await fill(`${server.url}/${away}`, ['-c', 'credential.useHttpPath=true']);
      expect(r.stdout, away).toContain(`username=alice\npassword=${PLANTED}\n`);
      expect(r.stdout, away).not.toContain(TEAM_PLANTED);
    }
    // Another host: latch says nothing, and git (no terminal) gives up.
    expect((await fill('https://elsewhere.example/repo.git')).code).not.toBe(0);
  });

  it('store and erase do nothing without --allow-store; with it, git approve saves and reject removes', async () => {
    const creds = `protocol=https\nhost=new.example\nusername=carol\npassword=${CAROL}\n\n`;
    ok(await git(['credential', 'approve'], { input: creds }));
    expect((await t.latch(['list', '--json'])).stdout).not.toContain('new.example');

    const allow = '!latch git-credential --allow-store';
    ok(await git(['credential', 'approve'], { input: creds, helper: allow }));
    expect(JSON.parse((await t.latch(['list', '--json'])).stdout).services).toContainEqual(
      expect.objectContaining({ name: 'new.example', baseUrl: 'https://new.example' }),
    );
    expect((await git(['credential', 'fill'], { input: 'url=https://new.example/x\n\n' })).stdout).toContain(
      `password=${CAROL}`,
    );
    ok(await git(['credential', 'reject'], { input: creds, helper: allow }));
    expect((await git(['credential', 'fill'], { input: 'url=https://new.example/x\n\n' })).code).not.toBe(0);
    expect(t.filesHolding(CAROL)).toEqual([]);
  });

  it('store --allow-store keeps the oauth_refresh_token and password_expiry_utc git sends, and get answers them', async () => {
    // Debian's git (2.39) drops both attributes before a helper sees them (git 2.41 added them), so the exchange
    // is the one a newer git makes, sent to the helper by name as git runs it ("credential.helper=latch --allow-store").
    const expiry = Math.floor(Date.now() / 1000) + 3600;
    const sent = `protocol=https\nhost=forge.example\nusername=dave\npassword=${DAVE}\npassword_expiry_utc=${expiry}\noauth_refresh_token=${DAVE_REFRESH}\n\n`;
    ok(await t.program(['git-credential-latch', '--allow-store', 'store'], { stdin: sent }));
    const got = await t.program(['git-credential-latch', 'get'], { stdin: 'protocol=https\nhost=forge.example\n\n' });
    ok(got);
    expect(attributes(got.stdout)).toEqual({
      username: 'dave',
      password: DAVE,
      password_expiry_utc: String(expiry),
      oauth_refresh_token: DAVE_REFRESH,
    });
    // A new refresh token replaces the old one; without --allow-store nothing is kept.
    ok(await t.program(['git-credential-latch', 'store'], { stdin: sent.replace(DAVE_REFRESH, 'ignored-refresh') }));
    const renewed = sent.replace(DAVE_REFRESH, `${DAVE_REFRESH}-2`);
    ok(await t.program(['git-credential-latch', '--allow-store', 'store'], { stdin: renewed }));
    const again = await t.latch(['git-credential', 'get'], 'protocol=https\nhost=forge.example\n\n');
    expect(attributes(again.stdout).oauth_refresh_token).toBe(`${DAVE_REFRESH}-2`);
    // --ref names the credential outright, so git's host is checked against the credential's own: a hostile
    // submodule or redirect host gets nothing (and a message naming --allow-host), the service's host gets it.
    const ref = ['git-credential-latch', '--ref', 'latch://forge.example/dave'];
    const elsewhere = await t.program([...ref, 'get'], { stdin: 'protocol=https\nhost=evil.example\npath=x.git\n\n' });
    expect(elsewhere.code).not.toBe(0);
    expect(elsewhere.stdout).not.toContain(DAVE);
    expect(elsewhere.stderr).toContain('--allow-host evil.example');
    expect(elsewhere.stderr).not.toContain(DAVE);
    const plain = await t.program([...ref, 'get'], { stdin: 'protocol=http\nhost=forge.example\n\n' });
    expect(plain.stdout).not.toContain(DAVE);
    ok(await t.program([...ref, 'get'], { stdin: 'protocol=https\nhost=forge.example\n\n' }));
    const allowed = await t.program([...ref, '--allow-host', 'evil.example', 'get'], {
      stdin: 'protocol=https\nhost=evil.example\n\n',
    });
    ok(allowed);
    expect(attributes(allowed.stdout).password).toBe(DAVE);
    // A request naming no host (a client certificate's passphrase, a file:// remote) or no protocol has nothing
    // to check: refused (exit 2), as a match by host gives nothing either, whatever --allow-host says. Sent to
    // the helper directly: git 2.39 itself refuses to fill one ("refusing to work with credential missing host
    // field"), but an older git or another caller of git's helpers may not.
    for (const stdin of [
      'protocol=cert\npath=/home/dave/client.p12\n\n',
      'url=file:///srv/repo.git\n\n',
      'host=forge.example\n\n',
    ]) {
      const unnamed = await t.program([...ref, '--allow-host', 'evil.example', 'get'], { stdin });
      expect(unnamed.code, stdin).toBe(2);
      expect(unnamed.stdout + unnamed.stderr).not.toContain(DAVE);
    }
    // Real git with the literal form: what git 2.39 passes (user name and password) is stored and filled.
    const literal = 'latch git-credential --allow-store';
    ok(
      await git(['credential', 'approve'], {
        input: 'protocol=https\nhost=literal.example\nusername=erin\npassword=erin-pw\n\n',
        helper: literal,
      }),
    );
    expect(
      (await git(['credential', 'fill'], { input: 'url=https://literal.example/r\n\n', helper: literal })).stdout,
    ).toContain('username=erin\npassword=erin-pw\n');
    // No walk of the disk here: the next test's one walk looks for these values too.
  });

  it('store refuses a host that is not host[:port] (a user@ in it names another host) and ignores an expiry no date holds', async () => {
    const store = (stdin: string) => t.program(['git-credential-latch', '--allow-store', 'store'], { stdin });
    const get = (host: string) =>
      t.program(['git-credential-latch', 'get'], { stdin: `protocol=https\nhost=${host}\n\n` });
    // https://a.example@evil.example is evil.example: saved as a service, a later get for evil.example answered it.
    const hostile = await store(`protocol=https\nhost=a.example@evil.example\nusername=u\npassword=${YVES}\n\n`);
    expect(hostile.code).toBe(2);
    expect(hostile.stderr).toMatch(/host that is not a host name or host:port/);
    expect(hostile.stderr).not.toContain(YVES);
    for (const host of ['evil.example', 'a.example']) expect((await get(host)).stdout, host).toBe('');
    // An expiry past what a Date holds was saved as 1e+23 ms; `latch edit` then saved and reported "internal
    // error … nothing was changed". It is ignored now, as git ignores it: the password is kept with no expiry.
    ok(
      await store(
        `protocol=https\nhost=y.example:8443\nusername=u\npassword=${YVES}\npassword_expiry_utc=99999999999999999999\n\n`,
      ),
    );
    expect(attributes((await get('y.example:8443')).stdout)).toEqual({ username: 'u', password: YVES });
    const edit = await t.latch(['edit', 'y.example:8443/u', '--rotate-every', '30']);
    ok(edit);
    expect(edit.stdout).toContain('Expires: never');
    expect(edit.stdout).toContain('every 30 day(s)');
  });

  it('--allow-store erase and store change only what git stored: a credential the user made survives a refusal', async () => {
    const allow = '!latch git-credential --allow-store';
    const host = new URL(server.url).host;
    // git erases after any 401 (a passing one, a server not yet rotated during a grace period): the hand-made
    // alice is the user's, kept with its rotation history.
    ok(
      await git(['credential', 'reject'], {
        input: `protocol=http\nhost=${host}\nusername=alice\npassword=${PLANTED}\n\n`,
        helper: allow,
      }),
    );
    ok(
      await git(['credential', 'approve'], {
        input: `protocol=http\nhost=${host}\nusername=alice\npassword=typed\n\n`,
        helper: allow,
      }),
    );
    expect((await t.latch(['get', 'latch://Git server/alice'])).stdout.trim()).toBe(PLANTED);
    expect((await git(['credential', 'fill'], { input: `url=${server.url}/repo.git\n\n` })).stdout).toContain(
      `username=alice\npassword=${PLANTED}\n`,
    );
    // A hand-made credential holding a refresh token: not erased, and its refresh token is not handed to git.
    const add = await t.withPassword(
      ['add', 'Hand forge', '--kind', 'basic', '--name', 'gina', '--url', 'https://hand.example'].concat([
        '--field',
        'username=gina',
        '--field',
        `oauthRefreshToken=${GINA_REFRESH}`,
        '--insecure-argv',
        '--field',
        'password=-',
      ]),
      `${GINA}\n`,
    );
    expect(add.code, add.stderr).toBe(0);
    const gina = await t.latch(['git-credential', 'get'], 'protocol=https\nhost=hand.example\n\n');
    expect(attributes(gina.stdout)).toEqual({ username: 'gina', password: GINA });
    ok(
      await git(['credential', 'reject'], {
        input: 'protocol=https\nhost=hand.example\nusername=gina\n\n',
        helper: allow,
      }),
    );
    expect((await t.latch(['get', 'latch://Hand forge/gina'])).stdout.trim()).toBe(GINA);
    // What git stored on the same host is git's, and goes.
    const frank = `protocol=https\nhost=hand.example\nusername=frank\npassword=frank-pw\n\n`;
    ok(await git(['credential', 'approve'], { input: frank, helper: allow }));
    expect((await git(['credential', 'fill'], { input: 'url=https://frank@hand.example/r\n\n' })).stdout).toContain(
      'password=frank-pw',
    );
    ok(await git(['credential', 'reject'], { input: frank, helper: allow }));
    expect((await git(['credential', 'fill'], { input: 'url=https://frank@hand.example/r\n\n' })).code).not.toBe(0);
    expect((await t.latch(['get', 'latch://Hand forge/gina'])).stdout.trim()).toBe(GINA);
  });

  it('an OAuth credential Latch manages answers a fresh access token with password_expiry_utc, never its refresh token', async () => {
    const idp: ScriptedServer = await startScriptedServer();
    try {
      idp.fallback = reply(
        200,
        { 'content-type': 'application/json', 'cache-control': 'no-store' },
        JSON.stringify({
          access_token: FRESH_TOKEN,
          token_type: 'Bearer',
          expires_in: 3600,
          refresh_token: FRESH_REFRESH,
        }),
      );
      await t.addOAuthClient(
        {
          service: 'OAuth git',
          name: 'bot',
          url: 'https://oauth-git.example',
          tokenEndpoint: `${idp.url}/token`,
          clientId: 'git-bot',
        },
        'bot-client-secret',
      );
      const before = Math.floor(Date.now() / 1000);
      const r = await t.latch(['git-credential', 'get'], 'protocol=https\nhost=oauth-git.example\n\n');
      expect(r.stderr).toBe('');
      const attrs = attributes(r.stdout);
      // Latch renews with the refresh token itself; git would hand it on to every other helper it stores with.
      expect(attrs).toMatchObject({ username: 'oauth2', password: FRESH_TOKEN });
      expect(attrs.oauth_refresh_token).toBeUndefined();
      expect(r.stdout).not.toContain(FRESH_REFRESH);
      expect(Number(attrs.password_expiry_utc)).toBeGreaterThanOrEqual(before + 3500);
      // One walk for this test's values and the previous test's (the walk of the temp folder is what costs).
      expect(t.filesHolding([FRESH_TOKEN, FRESH_REFRESH, DAVE, DAVE_REFRESH, GINA, GINA_REFRESH])).toEqual([]);
    } finally {
      await idp.close();
    }
  });

  it('--allow-store keeps no copy of what latch itself answered (a token, a --ref credential): git stores with every helper', async () => {
    const add = await t.withPassword(
      ['add', 'Token forge', '--kind', 'bearer', '--name', 'ci', '--url', 'https://token-forge.example'].concat([
        '--field',
        'token=-',
      ]),
      `${TOKEN}\n`,
    );
    expect(add.code, add.stderr).toBe(0);
    const allow = '!latch git-credential --allow-store';
    // What git does after a fetch that worked: fill, then approve the same pair with every helper.
    const filled = await git(['credential', 'fill'], {
      input: 'url=https://token-forge.example/r.git\n\n',
      helper: allow,
    });
    ok(filled);
    expect(attributes(filled.stdout)).toMatchObject({ username: 'x-access-token', password: TOKEN });
    ok(await git(['credential', 'approve'], { input: `${filled.stdout}\n`, helper: allow }));
    // --ref answers for a host no service has: approving that pair must not make one holding a copy.
    const byRef = "!latch git-credential --ref 'latch://Token forge/ci' --allow-host mirror.example --allow-store";
    const mirrored = await git(['credential', 'fill'], {
      input: 'url=https://mirror.example/r.git\n\n',
      helper: byRef,
    });
    ok(mirrored);
    ok(await git(['credential', 'approve'], { input: `${mirrored.stdout}\n`, helper: byRef }));
    const services = await listed();
    expect(services.find((s) => s.name === 'Token forge')?.credentials.map((c) => c.name)).toEqual(['ci']);
    expect(services.map((s) => s.name)).not.toContain('mirror.example');
  });

  it('--allow-store keeps no copy of any secret the service holds (a refresh token, another credential), whoever gave it to git', async () => {
    // The previous test left "OAuth git" holding a token set (access and refresh token) and a client secret.
    const add = await t.withPassword(
      ['add', 'OAuth git', '--kind', 'api-key', '--name', 'deploy', '--field', 'header=X-Api-Key'].concat([
        '--field',
        'value=-',
      ]),
      `${DEPLOY_KEY}\n`,
    );
    expect(add.code, add.stderr).toBe(0);
    const allow = '!latch git-credential --allow-store';
    const approve = (username: string, password: string) =>
      git(['credential', 'approve'], {
        input: `url=https://oauth-git.example/r.git\nusername=${username}\npassword=${password}\n\n`,
        helper: allow,
      });
    const names = async () => (await listed()).find((s) => s.name === 'OAuth git')?.credentials.map((c) => c.name);
    // Pairs latch never answered (another helper's, or typed at git's prompt) holding secrets the service keeps.
    ok(await approve('oauth2', FRESH_REFRESH));
    ok(await approve('ci', DEPLOY_KEY));
    ok(await approve('bot', 'bot-client-secret'));
    expect(await names()).toEqual(['bot', 'deploy']);
    // A password the service does not hold is git's to keep, as before.
    ok(await approve('zoe', ZOE));
    expect(await names()).toEqual(['bot', 'deploy', 'zoe']);
  });

  it("without the agent or quick unlock, get fails with a message saying how to unlock (no prompt on git's stdin)", async () => {
    const r = await t.program(['latch', 'git-credential', 'get'], {
      stdin: `protocol=http\nhost=${new URL(server.url).host}\n\n`,
      env: { XDG_RUNTIME_DIR: join(t.dir, 'nowhere') },
    });
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/latch unlock --for/);
  });

  it("refuses to answer a value with a line break (it would inject attributes into git's protocol)", async () => {
    const add = await t.withPassword(
      [
        'add',
        'Evil',
        '--kind',
        'basic',
        '--name',
        'x',
        '--url',
        'https://evil.example',
        '--field',
        'username=x',
        '--field',
        'password=-',
      ],
      'line1\nhost=attacker.example\n',
    );
    expect(add.code, add.stderr).toBe(0);
    const r = await t.latch(['git-credential', 'get'], 'protocol=https\nhost=evil.example\n\n');
    expect(r.stdout).toBe('');
    expect(r.code).toBe(2);
  });
});

it('leaves no planted value (master password included) in HOME, the test folder or the temp folder, in any encoding', () => {
  expect(t.plantedOnDisk()).toEqual([]);
});
