import type { ReactNode } from 'react';

interface StatusPageProps {
  readonly title: string;
  readonly children?: ReactNode;
  readonly tone?: 'neutral' | 'warning' | 'success';
}

/** A simple full-page message: not found, closed, thank you, and the like. */
export function StatusPage({ title, children, tone = 'neutral' }: StatusPageProps) {
  return (
    <main className={`status-page status-page--${tone}`}>
      <h1>{title}</h1>
      {children}
    </main>
  );
}
