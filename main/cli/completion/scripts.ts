// The completion scripts `latch completion SHELL` prints. Each asks `latch __complete -- WORDS...` for the
// candidates (complete.ts), so what is offered is decided in one place, in TypeScript, not three times in
// three shell languages.

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

const BASH = `# latch completion for bash: source <(latch completion bash), or save it as
# ~/.local/share/bash-completion/completions/latch
_latch_complete() {
  local line="\${COMP_LINE:0:COMP_POINT}" cur
  local -a words
  # The words as typed: bash splits latch://SERVICE/CREDENTIAL at the ':' (COMP_WORDBREAKS); the line does not.
  read -r -a words <<< "$line"
  if [[ -z "$line" || "$line" =~ [[:space:]]$ ]]; then words+=(""); fi
  cur="\${words[\${#words[@]}-1]}"
  local IFS=$'\\n'
  local -a found
  found=($(command latch __complete -- "\${words[@]:1}" 2>/dev/null))
  # Hand back only the part after the last ':' bash split at, as bash-completion's __ltrim_colon_completions does.
  if [[ "$cur" == *:* && "$COMP_WORDBREAKS" == *:* ]]; then
    local colon="\${cur%"\${cur##*:}"}"
    found=("\${found[@]#"$colon"}")
  fi
  COMPREPLY=("\${found[@]}")
}
complete -o default -o nosort -F _latch_complete latch
`;

const ZSH = `#compdef latch
# latch completion for zsh: source <(latch completion zsh) after compinit, or save it as _latch in your $fpath.
_latch() {
  local -a found
  # The words as the command will get them (Q: quotes and backslashes removed, so my\\ vault.latch is one path).
  found=("\${(@f)$(command latch __complete -- "\${(@Q)words[2,CURRENT]}" 2>/dev/null)}")
  found=("\${(@)found:#}")
  # Quoted as zsh needs (no -Q) and followed by a space (no -S ''), as bash and fish complete.
  if (( \${#found} )); then
    compadd -- "\${found[@]}"
  else
    _files
  fi
}
if (( $+functions[compdef] )); then
  compdef _latch latch
fi
`;

const FISH = `# latch completion for fish: latch completion fish > ~/.config/fish/completions/latch.fish
function __latch_complete
    set -l words (commandline -opc) (commandline -ct)
    set -l found (command latch __complete -- $words[2..-1] 2>/dev/null)
    # Nothing offered (after -i, --vault, --env-file...): file names, as bash's -o default and zsh's _files give.
    if test (count $found) -gt 0
        printf '%s\n' $found
    else
        __fish_complete_path (commandline -ct)
    end
end
complete -c latch -f -a '(__latch_complete)'
`;

export const COMPLETION_SCRIPTS: Record<Shell, string> = { bash: BASH, zsh: ZSH, fish: FISH };
