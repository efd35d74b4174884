import { userModel } from '../../server/modules/accounts/user.model.js';
import { auditModel } from '../../server/modules/audit/audit.model.js';
import { createUser, loginAs, uniqueEmail } from '../helpers/auth.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { linkIn, waitForMessages } from '../helpers/mail.js';
import { runWorkersInProcess, type InProcessWorkers } from '../helpers/workers.js';

const PASSWORD = 'Blåbärssoppa-i-Mora-2026';

describe('accounts: registration and email verification', () => {
  let ctx: TestContext;
  let workers: InProcessWorkers;
  beforeAll(async () => {
    ctx = await createTestContext();
    workers = await runWorkersInProcess(ctx);
  });
  afterAll(async () => {
    await workers.stop();
    await ctx.close();
  });

  const users = () => userModel(ctx.deps.mongo);
  const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;

  it('when someone registers, then the account is unverified and a verification email with a working link arrives', async () => {
    const email = uniqueEmail('new');

    const res = await ctx.http().post('/api/auth/register').send({ email, password: PASSWORD, name: 'Anna' });

    expect(res.status).toBe(202);
    expect(res.body.status).toBe('accepted');
    const stored = await users().findOne({ email }).lean();
    expect(stored).toMatchObject({ email, language: 'sv', isAdmin: false, name: 'Anna' });
    expect(stored?.emailVerifiedAt).toBeUndefined();
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    const [mail] = await waitForMessages(email);
    expect(mail!.subject).toBe('Bekräfta din e-postadress på Behovstorget');
    expect(mail!.html).toContain('lang="sv"');
    const link = linkIn(mail!, 'http://localhost:3000/verifiera-epost?token=');

    const verified = await ctx
      .http()
      .post('/api/auth/verify-email')
      .send({ token: tokenOf(link) });

    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ email, emailVerified: true });
    expect((await users().findOne({ email }).lean())?.emailVerifiedAt).toBeInstanceOf(Date);
    expect(
      await auditModel(ctx.deps.mongo).countDocuments({ action: 'email.verify', actorEmail: email }),
    ).toBe(1);
  });

  it('when one address is registered again and again, then the fourth time within the hour is 429 while colleagues behind the same IP still register', async () => {
    const email = uniqueEmail('again');
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await ctx.http().post('/api/auth/register').send({ email, password: PASSWORD })).status);
    }
    const colleagues = [];
    for (let i = 0; i < 5; i++) {
      colleagues.push(
        (
          await ctx
            .http()
            .post('/api/auth/register')
            .send({ email: uniqueEmail('kollega'), password: PASSWORD })
        ).status,
      );
    }

    expect(statuses).toEqual([202, 202, 202, 429]);
    expect(colleagues).toEqual([202, 202, 202, 202, 202]);
  });

  it('when the verification link is used a second time, then 400 token_invalid tells to request a new one', async () => {
    const email = uniqueEmail('twice');
    await ctx.http().post('/api/auth/register').send({ email, password: PASSWORD });
    const [mail] = await waitForMessages(email);
    const token = tokenOf(linkIn(mail!, 'http://localhost:3000/verifiera-epost?token='));
    expect((await ctx.http().post('/api/auth/verify-email').send({ token })).status).toBe(200);

    const again = await ctx.http().post('/api/auth/verify-email').send({ token });

    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('token_invalid');
    expect(again.body.error.message).toMatch(/request a new one/i);
  });

  it('when the verification token has expired, then 400 token_invalid', async () => {
    const email = uniqueEmail('expired');
    await ctx.http().post('/api/auth/register').send({ email, password: PASSWORD });
    const [mail] = await waitForMessages(email);
    const token = tokenOf(linkIn(mail!, 'http://localhost:3000/verifiera-epost?token='));
    await ctx.deps.mongo
      .collection('account_tokens')
      .updateMany({}, { $set: { expiresAt: new Date(Date.now() - 1000) } });

    const res = await ctx.http().post('/api/auth/verify-email').send({ token });

    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('token_invalid');
  });

  it('when the language is English, then the verification email is in English', async () => {
    const email = uniqueEmail('english');

    await ctx.http().post('/api/auth/register').send({ email, password: PASSWORD, language: 'en' });

    const [mail] = await waitForMessages(email);
    expect(mail!.subject).toBe('Confirm your email address on Behovstorget');
    expect(mail!.html).toContain('lang="en"');
  });

  it('when the address already has an account, then the answer is the same and the owner gets a notice instead', async () => {
    const existing = await createUser(ctx);
    const before = await users().countDocuments();

    const res = await ctx
      .http()
      .post('/api/auth/register')
      .send({ email: existing.email.toUpperCase(), password: PASSWORD });

    expect(res.status).toBe(202);
    expect(res.body.status).toBe('accepted');
    expect(await users().countDocuments()).toBe(before);
    const [mail] = await waitForMessages(existing.email);
    expect(mail!.subject).toBe('Du har redan ett konto på Behovstorget');
    expect(mail!.text).not.toContain('token=');
  });

  it('when a logged-in unverified user asks for a new link, then a new email comes and the older link stops working', async () => {
    const email = uniqueEmail('resend');
    await ctx.http().post('/api/auth/register').send({ email, password: PASSWORD });
    const [first] = await waitForMessages(email);
    const registered = await users().findOne({ email }).lean();
    const { bearer } = await loginAs(ctx, { id: String(registered!._id) });

    const res = await bearer(ctx.http().post('/api/auth/verify-email/resend'));

    expect(res.status).toBe(202);
    const mails = await waitForMessages(email, { count: 2 });
    const oldToken = tokenOf(linkIn(first!, 'http://localhost:3000/verifiera-epost?token='));
    const newest = mails.find((m) => m.id !== first!.id)!;
    const newToken = tokenOf(linkIn(newest, 'http://localhost:3000/verifiera-epost?token='));
    expect((await ctx.http().post('/api/auth/verify-email').send({ token: oldToken })).body.error.code).toBe(
      'token_invalid',
    );
    expect((await ctx.http().post('/api/auth/verify-email').send({ token: newToken })).status).toBe(200);
    const me = await bearer(ctx.http().get('/api/me'));
    expect(me.body.emailVerified).toBe(true);
  });

  it('when a verified user asks for a new link, then 409 already_verified', async () => {
    const user = await createUser(ctx, { verified: true });
    const { bearer } = await loginAs(ctx, user);

    const res = await bearer(ctx.http().post('/api/auth/verify-email/resend'));

    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('already_verified');
  });

  it('when an anonymous client asks for a new link, then 401', async () => {
    const res = await ctx.http().post('/api/auth/verify-email/resend');

    expect(res.status).toBe(401);
  });

  describe('bad input gets 400 naming the field and writes nothing', () => {
    const cases: [string, string, Record<string, unknown>][] = [
      ['a too short password', 'password', { email: 'short@test.behovstorget.se', password: 'kort' }],
      ['a common password', 'password', { email: 'common@test.behovstorget.se', password: 'Password123' }],
      [
        'the email as password',
        'password',
        { email: 'sameasmail@test.behovstorget.se', password: 'SameAsMail@test.behovstorget.se' },
      ],
      ['a too long password', 'password', { email: 'long@test.behovstorget.se', password: 'x'.repeat(257) }],
      ['an invalid email', 'email', { email: 'not-an-email', password: PASSWORD }],
      [
        'an unknown field',
        'isAdmin',
        { email: 'unknown@test.behovstorget.se', password: PASSWORD, isAdmin: true },
      ],
      ['a number as email', 'email', { email: 42, password: PASSWORD }],
      [
        'an unknown language',
        'language',
        { email: 'lang@test.behovstorget.se', password: PASSWORD, language: 'de' },
      ],
      ['a NoSQL operator as email', 'email', { email: { $gt: '' }, password: PASSWORD }],
      [
        'a NoSQL operator as password',
        'password',
        { email: 'op@test.behovstorget.se', password: { $ne: null } },
      ],
      [
        'a NoSQL operator as name',
        'name',
        { email: 'opname@test.behovstorget.se', password: PASSWORD, name: { $gt: '' } },
      ],
      ['a missing password', 'password', { email: 'nopass@test.behovstorget.se' }],
    ];
    it.each(cases)('when registering with %s, then 400 names %s', async (_what, field, body) => {
      const before = await users().countDocuments();

      const res = await ctx.http().post('/api/auth/register').send(body);

      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ path: field })]),
      );
      expect(await users().countDocuments()).toBe(before);
      expect(await ctx.deps.mongo.collection('deliveries').countDocuments({ to: String(body.email) })).toBe(
        0,
      );
    });

    it.each([
      ['a NoSQL operator', { token: { $gt: '' } }],
      ['a number', { token: 12345 }],
      ['an unknown field', { token: 'a'.repeat(43), admin: true }],
    ])('when verifying with %s, then 400 names the field', async (_what, body) => {
      const res = await ctx.http().post('/api/auth/verify-email').send(body);

      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    });
  });
});
