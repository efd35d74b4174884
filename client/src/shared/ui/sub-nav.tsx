import { NavLink } from 'react-router';

export interface SubNavItem {
  to: string;
  label: string;
  /** Current only on exactly this path (not on the paths below it). */
  end?: boolean;
}

/** An area's own menu (admin, a network, a need): a labelled nav with the current page marked. */
export function SubNav({ label, items }: { label: string; items: SubNavItem[] }) {
  return (
    <nav aria-label={label} className="bt-subnav">
      <ul>
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.end}>
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
