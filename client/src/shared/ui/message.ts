import type { TFunction } from 'i18next';

/**
 * A status message kept in state and worded when rendered: after a language switch it reads in
 * the new language (a stored, already translated string would stay in the old one).
 */
export type Message = (t: TFunction) => string;
