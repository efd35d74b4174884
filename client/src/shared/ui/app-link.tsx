import { Link as DsLink, type LinkProps as DsLinkProps } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { Link as RouterLink, type LinkProps as RouterLinkProps } from 'react-router';

type AppLinkProps = RouterLinkProps & { children: ReactNode; 'data-color'?: DsLinkProps['data-color'] };

/** A Designsystemet-styled link that navigates inside the app without a full page load. */
export function AppLink({ children, 'data-color': color, ...props }: AppLinkProps) {
  return (
    <DsLink asChild data-color={color}>
      <RouterLink {...props}>{children}</RouterLink>
    </DsLink>
  );
}
