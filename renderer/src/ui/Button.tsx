import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react';

export type ButtonVariant = 'default' | 'primary' | 'danger' | 'ghost';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: 'normal' | 'small';
  icon?: boolean;
  children: ReactNode;
  /** React 19 hands a function component its ref as a prop; it reaches the <button>. */
  ref?: Ref<HTMLButtonElement>;
}

export function Button({
  variant = 'default',
  size = 'normal',
  icon = false,
  className,
  type = 'button',
  ...rest
}: ButtonProps) {
  const classes = [
    'btn',
    variant !== 'default' && `btn--${variant}`,
    size === 'small' && 'btn--small',
    icon && 'btn--icon',
    className,
  ]
    .filter(Boolean)
    .join(' ');
  return <button type={type} className={classes} {...rest} />;
}
