import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Focus for an element that comes back after the control that replaced it goes away: "Cancel" on
 * an in-place confirmation or form hides itself and shows the opener again, and focus must not
 * fall to <body>. Attach `ref` to the element that should take focus and call `returnFocus()`
 * in the same handler that changes what is shown; focus moves after that render.
 */
export function useFocusReturn<T extends HTMLElement = HTMLElement>() {
  const ref = useRef<T>(null);
  const [request, setRequest] = useState(0);
  useEffect(() => {
    if (request > 0) ref.current?.focus();
  }, [request]);
  const returnFocus = useCallback(() => setRequest((n) => n + 1), []);
  return { ref, returnFocus };
}
