import type { CredentialStatus } from '../../../../preload/contract';
import { Badge, type BadgeTone } from '../../ui';

const LOOK: Record<Exclude<CredentialStatus, 'ok'>, { tone: BadgeTone; text: string }> = {
  expired: { tone: 'danger', text: 'Expired' },
  expiring: { tone: 'warn', text: 'Expiring' },
  'rotation-due': { tone: 'info', text: 'Rotation due' },
};

/** One badge per problem status, worst first; nothing when all is well. */
export function StatusBadges({ statuses }: { statuses: readonly CredentialStatus[] }) {
  const shown = (['expired', 'expiring', 'rotation-due'] as const).filter((s) => statuses.includes(s));
  return (
    <>
      {shown.map((s) => (
        <Badge key={s} tone={LOOK[s].tone}>
          {LOOK[s].text}
        </Badge>
      ))}
    </>
  );
}
