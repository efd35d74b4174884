import { Heading } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';

/** One titled part of the account page; `id` is its anchor and `${id}-title` labels it. */
export function AccountSection({
  id,
  title,
  children,
  danger = false,
}: {
  id: string;
  title: string;
  children: ReactNode;
  danger?: boolean;
}) {
  return (
    <section
      id={id}
      aria-labelledby={`${id}-title`}
      className="bt-account__section"
      data-danger={danger || undefined}
    >
      <Heading level={2} data-size="sm" id={`${id}-title`}>
        {title}
      </Heading>
      {children}
    </section>
  );
}
