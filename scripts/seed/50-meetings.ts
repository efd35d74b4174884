import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import type { Principal } from '../../server/platform/auth/principal.js';
import { inTransaction } from '../../server/platform/outbox/outbox.js';
import { hashPassword } from '../../server/modules/accounts/passwords.js';
import { createUsersRepository } from '../../server/modules/accounts/users.repository.js';
import { meetingModel } from '../../server/modules/meetings/meeting.model.js';
import { createMeetingsModule } from '../../server/modules/meetings/meetings.module.js';
import {
  createMeetingBody,
  registerBody,
  summaryBody,
} from '../../server/modules/meetings/meetings.schemas.js';
import { needModel } from '../../server/modules/needs/need.model.js';
import { organisationModel } from '../../server/modules/organisations/organisation.model.js';
import { createMembershipsRepository } from '../../server/modules/organisations/organisations.repository.js';
import { createAppPolicy } from '../../server/policy.js';
import type { Subject } from '../../server/modules/policy/subject.js';
import { createQuestionsModule } from '../../server/modules/questions/questions.module.js';
import {
  answerQuestionBody,
  externalQuestionBody,
} from '../../server/modules/questions/questions.schemas.js';
import type { SeedContext, SeedStep } from './types.js';

const DAY = 24 * 3600 * 1000;

/** A date `days` from now at `hour`:00 Swedish winter time (UTC+1), whole hours. */
function at(days: number, hour: number): string {
  const d = new Date(Date.now() + days * DAY);
  d.setUTCHours(hour - 1, 0, 0, 0);
  return d.toISOString();
}

const principal = (userId: string, email: string): Principal => ({
  userId,
  sessionId: 'seed',
  email,
  emailVerified: true,
  isAdmin: false,
  language: 'sv',
  via: 'bearer',
});

/** Contact people of demo suppliers (with a random password nobody knows: they exist to register and ask). */
const contacts = [
  { name: 'Erik Lund', email: 'erik.lund' },
  { name: 'Sara Nyberg', email: 'sara.nyberg' },
  { name: 'Omar Haddad', email: 'omar.haddad' },
  { name: 'Linnea Berg', email: 'linnea.berg' },
  { name: 'Jonas Ek', email: 'jonas.ek' },
];

/**
 * Dialogue meetings and Q&A on the demo needs: an information meeting that is full with a
 * waitlist, one-to-one slots with bookings, a held meeting with attendance and a published
 * summary, and answered questions (one received outside the platform). Everything goes through
 * the meetings and questions services; the invitations and reminders wait in the outbox for
 * the workers.
 */
export const meetingsSeed: SeedStep = {
  name: 'Dialogue meetings, registrations with a waitlist, summaries and answered questions',
  async run(ctx: SeedContext) {
    const { deps } = ctx;
    const policy = createAppPolicy(deps);
    const meetings = createMeetingsModule(deps, policy);
    const questions = createQuestionsModule(deps, policy, meetings.access);
    const users = createUsersRepository(deps.mongo);
    const memberships = createMembershipsRepository(deps.mongo);

    const subjectOf = async (userId: string): Promise<Subject> => {
      const user = await users.findById(userId);
      return {
        principal: principal(userId, user?.email ?? ''),
        memberships: await memberships.membershipsForUser(userId),
      };
    };

    const published = await needModel(deps.mongo)
      .find({ status: 'published', hidden: false })
      .sort({ publishedAt: 1, _id: 1 })
      .limit(3)
      .lean();
    if (published.length < 2) {
      ctx.log('fewer than two published needs: no meetings seeded');
      return;
    }
    const [first, second, third] = published;

    /** A member of the need's network who acts for it (the coordinator's first owner). */
    const networkMember = async (networkId: mongoose.Types.ObjectId): Promise<Subject> => {
      const network = await deps.mongo.collection('networks').findOne({ _id: networkId });
      const [owner] = await memberships.ownerIds(String(network?.coordinatorOrgId));
      if (!owner) throw new Error('seed: the demo network has no coordinator owner');
      return subjectOf(owner);
    };

    // Suppliers that take part: the demo supplier login plus verified demo suppliers, each with a contact.
    const supplierSubjects: Subject[] = [await subjectOf(ctx.ref('user:supplier'))];
    const vardappen = ctx.ref('org:supplier:vardappen');
    const others = await organisationModel(deps.mongo)
      .find({
        kind: 'supplier',
        status: 'verified',
        _id: mongoose.trusted({ $ne: new mongoose.Types.ObjectId(vardappen) }),
      })
      .sort({ createdAt: 1 })
      .limit(contacts.length)
      .lean();
    for (const [i, org] of others.entries()) {
      const contact = contacts[i]!;
      const user = await users.create({
        email: `${contact.email}@leverantor${i + 1}.demo.behovstorget.se`,
        name: contact.name,
        passwordHash: await hashPassword(randomBytes(24).toString('hex')),
        language: 'sv',
        isAdmin: false,
        emailVerifiedAt: new Date(),
      });
      await inTransaction(deps.mongo, (tx) =>
        memberships.add({ userId: user.id, organisationId: String(org._id), role: 'owner' }, tx),
      );
      supplierSubjects.push(await subjectOf(user.id));
    }

    // 1. An information meeting, full, with a waitlist.
    const host = await networkMember(first!.networkId);
    const info = await meetings.service.create(
      host,
      String(first!._id),
      createMeetingBody.parse({
        kind: 'information_meeting',
        title: `Informationsmöte: ${first!.title}`,
        agenda:
          'Nätverket presenterar behovet och den samlade efterfrågan. Därefter frågestund. ' +
          'Frågor och svar publiceras för alla leverantörer efter mötet.',
        format: 'hybrid',
        address: 'Stadshuset, Hamngatan 1, Stockholm',
        onlineUrl: 'https://meet.demo.behovstorget.se/informationsmote',
        startsAt: at(14, 9),
        endsAt: at(14, 11),
        capacity: 3,
        registrationDeadline: at(12, 16),
        registrationQuestions: [{ text: 'Vilken lösning vill ni berätta om?', required: false }],
      }),
    );
    let waitlisted = 0;
    for (const subject of supplierSubjects.slice(0, 5)) {
      const result = await meetings.registrations.register(
        subject,
        info.id,
        registerBody.parse({
          answers: [
            {
              questionId: info.registrationQuestions[0]!.id,
              text: 'En tjänst vi redan levererar i två regioner.',
            },
          ],
        }),
      );
      if (result.status === 'waitlisted') waitlisted += 1;
    }

    // 2. One-to-one slots, two of them booked.
    const host2 = await networkMember(second!.networkId);
    const slots = [10, 11, 13, 14].map((hour) => ({
      startsAt: at(21, hour),
      endsAt: new Date(Date.parse(at(21, hour)) + 45 * 60_000).toISOString(),
    }));
    const oneToOne = await meetings.service.create(
      host2,
      String(second!._id),
      createMeetingBody.parse({
        kind: 'one_to_one',
        title: `Enskilda dialogmöten: ${second!.title}`,
        agenda: '45 minuter per leverantör. Berätta om er lösning och vad ni behöver veta av oss.',
        format: 'online',
        onlineUrl: 'https://meet.demo.behovstorget.se/enskilda',
        slots,
        registrationDeadline: at(19, 16),
        maxParticipantsPerSupplier: 3,
      }),
    );
    for (const subject of supplierSubjects.slice(1, 3)) {
      await meetings.registrations.register(subject, oneToOne.id, registerBody.parse({}));
    }

    // 3. A meeting that has been held: attendance recorded and a summary published.
    const pastNeed = third ?? first!;
    const host3 = await networkMember(pastNeed.networkId);
    const held = await meetings.service.create(
      host3,
      String(pastNeed._id),
      createMeetingBody.parse({
        kind: 'information_meeting',
        title: 'Första dialogmötet',
        format: 'in_person',
        address: 'Regionens hus, Göteborg',
        startsAt: at(2, 13),
        endsAt: at(2, 15),
        capacity: 20,
      }),
    );
    for (const subject of supplierSubjects.slice(0, 4)) {
      await meetings.registrations.register(subject, held.id, registerBody.parse({}));
    }
    await meetingModel(deps.mongo).updateOne(
      { _id: held.id },
      {
        $set: {
          startsAt: new Date(at(-10, 13)),
          endsAt: new Date(at(-10, 15)),
          registrationDeadline: new Date(at(-11, 16)),
        },
      },
    );
    const registered = await meetings.registrations.list(host3, held.id);
    for (const r of registered.slice(0, 3))
      await meetings.registrations.setAttended(host3, held.id, r.id, true);
    await meetings.service.publishSummary(
      host3,
      held.id,
      summaryBody.parse({
        presented:
          'Behovet, den samlade efterfrågan från medlemmarna och en preliminär tidplan för upphandlingen.',
        questionsAsked:
          'Leverantörerna frågade om volymer per år, krav på integration och om delade anbud tillåts.',
        changesToNeed:
          'Kravet på en viss systemplattform ersätts med ett funktionskrav på öppna gränssnitt. Tidplanen flyttas en månad.',
      }),
    );

    // 4. Questions: two answered and published, one from outside the platform, one still open.
    const asked = [
      'Vilka volymer räknar ni med per år, och hur fördelas de mellan medlemmarna?',
      'Måste lösningen integreras med befintliga journalsystem, eller räcker öppna gränssnitt?',
      'Kan flera leverantörer lämna gemensamt anbud?',
    ];
    const answers = [
      'Omkring 12 000 tillfällen per år, ungefär hälften i storstadsregionerna. Fördelningen finns i behovets efterfrågetabell.',
      'Öppna, dokumenterade gränssnitt räcker. Vi beskriver funktionen, inte ett visst system.',
    ];
    const created = [];
    for (const [i, text] of asked.entries()) {
      created.push(
        await questions.service.ask(supplierSubjects[i % supplierSubjects.length]!, String(first!._id), text),
      );
    }
    for (const [i, answer] of answers.entries()) {
      await questions.service.answer(host, created[i]!.id, answerQuestionBody.parse({ answer }));
    }
    await questions.service.publishExternal(
      host,
      String(first!._id),
      externalQuestionBody.parse({
        question: 'Finns det en budget för förstudien?',
        answer: 'Ja, nätverket har avsatt medel för en förstudie under nästa år.',
        receivedAt: at(-3, 10),
      }),
    );

    ctx.log(
      `3 meetings (one full with ${waitlisted} on the waitlist, one with one-to-one slots, one held with a summary); ` +
        `${asked.length + 1} questions, ${answers.length + 1} answered`,
    );
  },
};
