export interface CountdownRingProps {
  /** Seconds left in the window. */
  remaining: number;
  /** Length of the window in seconds. */
  period: number;
  size?: number;
  /** At or below this many seconds the ring turns to the warning colour. */
  lowAt?: number;
}

/** A ring that empties as a code's window runs out, with the seconds left in its middle. */
export function CountdownRing({ remaining, period, size = 28, lowAt = 5 }: CountdownRingProps) {
  const stroke = 3;
  const radius = (size - stroke) / 2;
  const circumference = 2 * Math.PI * radius;
  const fraction = period > 0 ? Math.max(0, Math.min(1, remaining / period)) : 0;
  const seconds = Math.max(0, Math.ceil(remaining));
  return (
    <svg
      className={`ring${seconds <= lowAt ? ' ring--low' : ''}`}
      width={size}
      height={size}
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={`${seconds} seconds left`}
    >
      <circle className="ring__track" cx={size / 2} cy={size / 2} r={radius} fill="none" strokeWidth={stroke} />
      <circle
        className="ring__value"
        cx={size / 2}
        cy={size / 2}
        r={radius}
        fill="none"
        strokeWidth={stroke}
        strokeLinecap="round"
        strokeDasharray={circumference}
        strokeDashoffset={circumference * (1 - fraction)}
        transform={`rotate(-90 ${size / 2} ${size / 2})`}
      />
      <text className="ring__label" x="50%" y="50%" dominantBaseline="central" textAnchor="middle">
        {seconds}
      </text>
    </svg>
  );
}
