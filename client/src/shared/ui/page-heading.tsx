import { Heading } from '@digdir/designsystemet-react';
import { useEffect, useRef, type ReactNode } from 'react';
import { takePendingFocus } from './route-focus';

interface PageHeadingProps {
  children: ReactNode;
  /** While true (the page's data is loading) the heading does not take the navigation focus yet. */
  busy?: boolean;
  size?: 'md' | 'lg' | 'xl';
  id?: string;
  /** Take focus when mounted, e.g. when a form is replaced by its confirmation on the same path. */
  focus?: boolean;
  /** The heading's language when it is content in another language than the interface (WCAG 3.1.2). */
  lang?: string;
}

/** The page's one h1; focusable by script only, so route changes can move focus here. */
export function PageHeading({
  children,
  busy = false,
  size = 'lg',
  id,
  focus = false,
  lang,
}: PageHeadingProps) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!busy && (takePendingFocus() || focus)) ref.current?.focus();
  }, [busy, focus]);
  return (
    <Heading
      level={1}
      id={id}
      lang={lang}
      data-size={size}
      ref={ref}
      tabIndex={-1}
      data-busy={busy || undefined}
      className="bt-page-heading"
    >
      {children}
    </Heading>
  );
}
