import {
  createMeetingNotifier,
  type MeetingNotifier,
} from '../../server/modules/meetings/meetings.notifier.js';
import type { Deps } from '../../server/platform/deps.js';

const notifiers = new WeakMap<Deps, MeetingNotifier>();

/** One meeting notifier per process deps (repositories are cheap, but built once). */
export function meetingNotifierFor(deps: Deps): MeetingNotifier {
  let notifier = notifiers.get(deps);
  if (!notifier) {
    notifier = createMeetingNotifier(deps);
    notifiers.set(deps, notifier);
  }
  return notifier;
}
