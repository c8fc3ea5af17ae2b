import { useEffect, useState } from 'react';
import { useLatch } from '../../latch-context';

type Reading = Awaited<ReturnType<ReturnType<typeof useLatch>['totp']['clockOffset']>>;

/**
 * When a server seen by the request tester disagreed with this computer's clock by enough
 * to break codes, say so: a wrong clock is the commonest reason a correct code is refused.
 */
export function ClockWarning() {
  const latch = useLatch();
  const [reading, setReading] = useState<Reading>(null);
  useEffect(() => {
    void latch.totp.clockOffset().then(setReading, () => setReading(null));
  }, [latch]);
  if (!reading?.large) return null;
  const seconds = Math.round(Math.abs(reading.offsetMs) / 1000);
  return (
    <p className="warning-note" role="status" data-testid="clock-warning">
      This computer's clock is about {seconds} s {reading.offsetMs > 0 ? 'behind' : 'ahead of'} {reading.host}'s, enough
      to make these codes fail. Turn on automatic time setting in your system settings.
    </p>
  );
}
