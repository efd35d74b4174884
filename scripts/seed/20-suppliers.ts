import { hashPassword } from '../../server/modules/accounts/passwords.js';
import { createUsersRepository } from '../../server/modules/accounts/users.repository.js';
import { generateSwedishOrgNumber } from '../../server/modules/organisations/org-number.js';
import { createOrganisationsModule } from '../../server/modules/organisations/organisations.module.js';
import { createAppPolicy } from '../../server/policy.js';
import type { Subject } from '../../server/modules/policy/subject.js';
import { createSuppliersModule } from '../../server/modules/suppliers/suppliers.module.js';
import { importSuppliers } from '../../server/modules/suppliers/suppliers-import.js';
import { profileInputSchema } from '../../server/modules/suppliers/suppliers.schemas.js';
import type { Principal } from '../../server/platform/auth/principal.js';
import { DEMO_PASSWORD, seededRandom } from './10-organisations.js';
import type { SeedContext, SeedStep } from './types.js';

/**
 * Demo suppliers whose CPV codes meet the demo needs: digital healthcare and welfare technology,
 * school IT, charging infrastructure, food waste, assistive technology, plus a spread of others.
 * One supplier (Vårdappen) is made through the API's services with a demo login; the others go
 * through the import pipeline (approved, like an operator's import), one of them left pending
 * review so the admin queue has something in it. Refs: `org:supplier:<key>`, `user:supplier`.
 */
interface DemoSupplier {
  key: string;
  name: string;
  pitch: string;
  description: string;
  offerings: { type: 'product' | 'service' | 'capability'; name: string }[];
  cpvCodes: string[];
  regions: string[];
  companySize: 'micro' | 'small' | 'medium' | 'large';
  certifications?: string[];
  keywords?: string[];
  publicProfile?: boolean;
  languages?: string[];
  foundedYear?: number;
}

const s = (
  key: string,
  name: string,
  pitch: string,
  cpvCodes: string[],
  regions: string[],
  companySize: DemoSupplier['companySize'],
  offerings: string[],
  extra: Partial<DemoSupplier> = {},
): DemoSupplier => ({
  key,
  name,
  pitch,
  description: `${name} arbetar med offentliga kunder i hela kedjan från behovsanalys till förvaltning. ${pitch} Vi deltar gärna i tidig dialog och i innovationsupphandlingar.`,
  offerings: offerings.map((o) => {
    const [type, n] = o.includes(':')
      ? (o.split(':') as [DemoSupplier['offerings'][number]['type'], string])
      : (['service', o] as const);
    return { type, name: n };
  }),
  cpvCodes,
  regions,
  companySize,
  publicProfile: true,
  languages: ['sv', 'en'],
  ...extra,
});

export const demoSuppliers: DemoSupplier[] = [
  s(
    'natttillsyn',
    'Trygg Natt Teknik',
    'Digital tillsyn nattetid i hemtjänsten med kamera och sensorer, integritetsvänligt.',
    ['32323500', '33195000', '48814000'],
    ['SE'],
    'small',
    ['service:Digital nattillsyn', 'product:Sensorer för trygghetslarm'],
    { certifications: ['ISO 27001'], keywords: ['välfärdsteknik', 'nattillsyn'] },
  ),
  s(
    'medicinpaminnare',
    'Doseringshjälpen',
    'Digitala läkemedelsautomater och påminnelser för äldre som bor hemma.',
    ['33190000', '48814000'],
    ['SE1', 'SE2'],
    'micro',
    ['product:Läkemedelsautomat', 'service:Uppföljning för hemsjukvården'],
    { keywords: ['e-hälsa', 'läkemedel'] },
  ),
  s(
    'distansvard',
    'Norrlands Distansvård',
    'Vårdmöten på distans och egenmonitorering för glesbygdens vårdcentraler.',
    ['48814000', '85100000', '72212100'],
    ['SE3'],
    'small',
    ['service:Distansmonitorering', 'service:Digitala vårdmöten'],
    { certifications: ['ISO 27001', 'ISO 9001'] },
  ),
  s(
    'journal-integration',
    'Integrationsbolaget Vård',
    'Integrationer mellan journalsystem, hemtjänstsystem och nationella tjänster.',
    ['72212100', '72227000'],
    ['SE'],
    'medium',
    ['service:Systemintegration', 'capability:Informationssäkerhet'],
    { certifications: ['ISO 27001'] },
  ),
  s(
    'skolplattan',
    'Skolplattan',
    'Lärplattform och elevdatorer för grundskolan, med support och fortbildning.',
    ['48190000', '30213100', '80420000'],
    ['SE'],
    'medium',
    ['service:Lärplattform', 'product:Elevdatorer', 'service:Fortbildning för lärare'],
    { certifications: ['ISO 9001'], keywords: ['skol-it', 'en-till-en'] },
  ),
  s(
    'tillganglig-las',
    'Läsa Lätt Digital',
    'Talsyntes och lättläst stöd för elever med läs- och skrivsvårigheter.',
    ['48190000', '48931000'],
    ['SE', 'FI'],
    'micro',
    ['product:Talsyntes', 'service:Anpassning av läromedel'],
    { keywords: ['tillgänglighet', 'skola'], languages: ['sv', 'en', 'fi'] },
  ),
  s(
    'skolnatverk',
    'Campusnät Mälardalen',
    'Trådlösa nätverk och drift för skolor och förskolor i Mälardalen.',
    ['32412100', '50312000'],
    ['SE121', 'SE122', 'SE125'],
    'small',
    ['service:Nätverksdrift', 'product:Wifi för skolor'],
    {},
  ),
  s(
    'laddkraft',
    'Laddkraft Norr',
    'Laddinfrastruktur för kommunala fordonsflottor och pendlarparkeringar.',
    ['31681500', '45310000'],
    ['SE331', 'SE332'],
    'small',
    ['service:Installation av laddplatser', 'product:Laddstolpar'],
    { certifications: ['ISO 14001'], keywords: ['laddinfrastruktur', 'elbilar'] },
  ),
  s(
    'laddnat-syd',
    'Syd Laddnät',
    'Publik laddning och lastbalansering för kommuner och bostadsbolag i Skåne.',
    ['31681500', '65310000'],
    ['SE224', 'SE221'],
    'medium',
    ['service:Laddning som tjänst', 'capability:Lastbalansering'],
    { certifications: ['ISO 14001', 'ISO 9001'] },
  ),
  // An English profile: matching finds it for the Swedish charging need by words (the thesaurus:
  // charging = laddning, fleet = fordonsflotta) and meaning, whatever its codes, though below the
  // threshold (test/scripts/seed-matching.test.ts); an English search ("smart charging") finds that need.
  s(
    'fleet-charging',
    'Fleetwise Energy',
    'Smart charging software for municipal vehicle fleets: schedules charging around shifts and spot prices, and balances the load on the depot’s grid connection.',
    ['48000000', '72000000'],
    ['SE', 'NO', 'FI'],
    'small',
    ['product:Fleet charging scheduler', 'capability:Load balancing over OCPP 2.0.1'],
    {
      description:
        'Fleetwise Energy is a Finnish–Swedish software company working with public fleets. Our scheduler plans charging around shift patterns, electricity prices and grid capacity, and reports energy use per vehicle. We take part in early market dialogue and innovation procurement.',
      keywords: ['smart charging', 'fleet electrification', 'OCPP'],
      languages: ['en'],
    },
  ),
  s(
    'elbussar',
    'Elektra Fordon',
    'Eldrivna minibussar och servicefordon för kommunal verksamhet.',
    ['34144900', '34121000'],
    ['NORDICS'],
    'large',
    ['product:Elminibussar', 'service:Service och underhåll'],
    { certifications: ['ISO 9001', 'ISO 14001'] },
  ),
  s(
    'matsvinnet',
    'Matsvinnet',
    'Mätning och minskning av matsvinn i skolkök och äldreboenden.',
    ['90500000', '48000000'],
    ['SE'],
    'micro',
    ['service:Matsvinnsmätning', 'product:Våg och app'],
    { keywords: ['matsvinn', 'måltid'] },
  ),
  s(
    'kretslopp',
    'Kretsloppsbolaget',
    'Insamling och biogas av matavfall från offentliga kök.',
    ['90513000', '90514000'],
    ['SE23', 'SE21'],
    'medium',
    ['service:Insamling av matavfall', 'service:Biogas'],
    { certifications: ['ISO 14001'] },
  ),
  s(
    'maltidsplanering',
    'Menyverket',
    'Planering av skolmåltider med näringsberäkning och svinnprognos.',
    ['48000000', '55524000'],
    ['SE'],
    'small',
    ['product:Måltidsplanering', 'service:Kostrådgivning'],
    { keywords: ['måltid', 'matsvinn'] },
  ),
  s(
    'hjalpmedelshuset',
    'Hjälpmedelshuset',
    'Hjälpmedel för personer med funktionsnedsättning, med förskrivarstöd och service.',
    ['33196200', '33196000'],
    ['SE224', 'SE231'],
    'large',
    ['product:Rullatorer och rullstolar', 'capability:Förskrivarstöd'],
    { certifications: ['ISO 13485', 'ISO 9001'] },
  ),
  s(
    'kommunikation',
    'Tala Med Mig',
    'Kommunikationshjälpmedel med ögonstyrning för barn och vuxna.',
    ['33196200', '48000000'],
    ['SE'],
    'micro',
    ['product:Ögonstyrd dator', 'service:Utprovning'],
    { certifications: ['ISO 13485'] },
  ),
  s(
    'smarthem',
    'Boendeteknik Väst',
    'Smarta hem-lösningar för särskilt boende och LSS-boenden.',
    ['31625000', '32323500'],
    ['SE232'],
    'small',
    ['product:Trygghetslarm', 'service:Installation'],
    {},
  ),
  s(
    'konsult',
    'Innovationsupphandling Konsult',
    'Stöd i behovsanalys, tidig dialog och innovationsupphandling.',
    ['79411000', '79418000'],
    ['SE'],
    'micro',
    ['service:Upphandlingsstöd', 'capability:Behovsanalys'],
    { keywords: ['innovationsupphandling', 'tidig dialog'] },
  ),
  s(
    'oppen-kod',
    'Öppna Data Kollektivet',
    'Öppen källkod och öppna data för kommuner, med drift i svenskt moln.',
    ['72260000', '72416000'],
    ['SE', 'NO'],
    'small',
    ['service:Utveckling', 'service:Molndrift'],
    { keywords: ['öppen källkod', 'öppna data'], languages: ['sv', 'en', 'no'] },
  ),
  s(
    'belysning',
    'Gatuljus Norr',
    'Energieffektiv och styrd gatubelysning för mindre kommuner.',
    ['34928500', '50232100'],
    ['SE33'],
    'small',
    ['product:LED-armaturer', 'service:Drift och underhåll'],
    { certifications: ['ISO 14001'] },
  ),
  s(
    'solceller',
    'Solkraft Offentlig',
    'Solceller på skolor och förvaltningsbyggnader med energiuppföljning.',
    ['09331100', '45261215'],
    ['SE12', 'SE11'],
    'medium',
    ['product:Solcellsanläggningar', 'service:Energiuppföljning'],
    { certifications: ['ISO 14001'] },
  ),
  s(
    'byggdialog',
    'Träbyggarna',
    'Industriellt träbyggande av förskolor och LSS-boenden.',
    ['45214100', '45215200'],
    ['SE2'],
    'large',
    ['service:Totalentreprenad', 'product:Moduler i trä'],
    { certifications: ['ISO 9001', 'ISO 14001'] },
  ),
  s(
    'sakerhet',
    'Cyberskydd Kommun',
    'Säkerhetsövervakning och incidentstöd för kommuner och regioner.',
    ['72212730', '79710000'],
    ['SE'],
    'medium',
    ['service:SOC', 'capability:Incidenthantering'],
    { certifications: ['ISO 27001'] },
  ),
  s(
    'tolk',
    'Tolkpoolen',
    'Tolkning på distans för vård, skola och socialtjänst.',
    ['79540000'],
    ['SE', 'FI'],
    'small',
    ['service:Distanstolkning'],
    { languages: ['sv', 'en', 'fi', 'ar', 'so'] },
  ),
  s(
    'pending',
    'Nytt Vårdbolag',
    'Ett nystartat bolag med digitala hälsotjänster som väntar på granskning.',
    ['48814000'],
    ['SE110'],
    'micro',
    ['service:Hälsoappar'],
    {},
  ),
];

export const vardappen = {
  name: 'Vårdappen',
  pitch: 'Digitala vårdmöten och egenmonitorering för regioner och kommuner.',
  description:
    'Vårdappen gör det möjligt för patienter att mäta blodtryck, vikt och syremättnad hemma och dela värdena med vården. Vi levererar till regioner och kommuner och integrerar med de vanligaste journalsystemen.',
  offerings: [
    { type: 'service', name: 'Distansmonitorering' },
    { type: 'product', name: 'Vårdapp för invånare' },
  ],
  cpvCodes: ['48814000', '72212100', '85100000'],
  regions: ['SE'],
  companySize: 'small',
  foundedYear: 2016,
  employeesBand: '10-49',
  languages: ['sv', 'en'],
  website: 'https://vardappen.demo.behovstorget.se',
  references: [
    { buyerName: 'Region Uppsala', year: 2023, text: 'Pilot med distansmonitorering i hemsjukvården.' },
  ],
  certifications: ['ISO 27001'],
  keywords: ['e-hälsa', 'distansvård'],
  contacts: [
    {
      name: 'Hanna Vinter',
      role: 'VD',
      email: 'hanna.vinter@vardappen.demo.behovstorget.se',
      phone: '+46 70 555 12 34',
      consent: true,
    },
  ],
  publicProfile: true,
};

const principalOf = (userId: string, email: string, isAdmin = false): Principal => ({
  userId,
  sessionId: 'seed',
  email,
  emailVerified: true,
  isAdmin,
  language: 'sv',
  via: 'bearer',
});

export const suppliersSeed: SeedStep = {
  name: 'Suppliers and their profiles',
  async run(ctx: SeedContext) {
    const { deps } = ctx;
    const policy = createAppPolicy(deps);
    const orgs = createOrganisationsModule(deps, policy);
    const suppliersModule = createSuppliersModule(deps, policy, orgs);
    const rng = seededRandom(20261122);

    // The demo supplier with a login, through the same services as the API.
    const email = 'hanna.vinter@vardappen.demo.behovstorget.se';
    const user = await createUsersRepository(deps.mongo).create({
      email,
      passwordHash: await hashPassword(DEMO_PASSWORD),
      name: 'Hanna Vinter',
      language: 'sv',
      isAdmin: false,
      emailVerifiedAt: new Date(),
    });
    ctx.refs.set('user:supplier', user.id);
    const owner = async (): Promise<Subject> => ({
      principal: principalOf(user.id, email),
      memberships: await orgs.repositories.memberships.membershipsForUser(user.id),
    });
    const admin: Subject = {
      principal: principalOf(ctx.ref('user:admin'), 'admin@demo.behovstorget.se', true),
      memberships: [],
    };
    const { organisation } = await orgs.service.create(await owner(), {
      kind: 'supplier',
      name: 'Vårdappen AB',
      country: 'SE',
      orgNumber: generateSwedishOrgNumber(rng, { firstDigit: 5 }),
    });
    await orgs.service.verify(admin, organisation.id);
    await suppliersModule.service.save(await owner(), organisation.id, profileInputSchema.parse(vardappen));
    await suppliersModule.service.approve(admin, organisation.id);
    ctx.refs.set('org:supplier:vardappen', organisation.id);

    // The others through the import pipeline, as an operator would load them.
    const rows = demoSuppliers.map((d, i) => {
      const { key: _key, ...profile } = d;
      return {
        line: i + 1,
        data: {
          orgNumber: generateSwedishOrgNumber(rng, { firstDigit: 5 }),
          organisationName: `${d.name} AB`,
          ...profile,
        },
      };
    });
    const approved = await importSuppliers(deps, rows.slice(0, -1), { collectIds: true });
    const pending = await importSuppliers(deps, rows.slice(-1), {
      collectIds: true,
      status: 'pending_review',
    });
    if (approved.rejected + pending.rejected > 0) {
      const reasons = [...approved.rejectedRows, ...pending.rejectedRows].map(
        (r) => `${demoSuppliers[r.line - 1]?.key}: ${r.reasons.join('; ')}`,
      );
      throw new Error(`demo suppliers rejected: ${reasons.join(' | ')}`);
    }
    [...approved.changedIds, ...pending.changedIds].forEach((id, i) =>
      ctx.refs.set(`org:supplier:${demoSuppliers[i]!.key}`, id),
    );
    ctx.log(`${demoSuppliers.length + 1} suppliers (1 pending review); demo supplier login ${email}`);
    ctx.logins.push({ role: 'Supplier (Vårdappen)', email, password: DEMO_PASSWORD });
  },
};
