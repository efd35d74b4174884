import { createUsersRepository } from '../../server/modules/accounts/users.repository.js';
import { createNeedsModule, type NeedsModule } from '../../server/modules/needs/needs.module.js';
import { needsSearchIndex } from '../../server/modules/needs/needs-search.js';
import type { z } from 'zod';
import { createNeedBody, updateNeedBody } from '../../server/modules/needs/needs.schemas.js';
import { createNetworksModule } from '../../server/modules/networks/networks.module.js';
import { createOrganisationsModule } from '../../server/modules/organisations/organisations.module.js';
import { createAppPolicy } from '../../server/policy.js';
import type { Subject } from '../../server/modules/policy/subject.js';
import type { Principal } from '../../server/platform/auth/principal.js';
import { rebuildSearchIndex } from '../../server/platform/search/search-index.js';
import type { SeedContext, SeedStep } from './types.js';

/**
 * Twelve demo needs of the networks made by `10-organisations` (refs `network:<key>`,
 * `org:<key>`, `user:<key>`, `group:nattillsyn`), through the needs services: published ones
 * (two with change-log entries after publication), one waiting for review, one rejected, one
 * draft and two closed with outcomes. Dates are relative to today so the demo always looks current.
 */
type Final = 'draft' | 'submitted' | 'rejected' | 'published' | 'closed';

interface DemoNeed {
  network: string;
  /** The user (ref key) who writes the need; the network's coordinator submits and closes. */
  author: string;
  coordinator: string;
  final: Final;
  /** As a client would send it (parsed with the API's schema). */
  body: Omit<z.input<typeof createNeedBody>, 'networkId'>;
  /** Refs of organisations for demand rows, with their estimates. */
  demand?: {
    org: string;
    quantity?: [number, string];
    value?: [number, 'SEK' | 'NOK' | 'EUR'];
    years?: [number, number];
  }[];
  group?: string;
  rejection?: string;
  /** Edits after publication (each becomes a public change-log entry). */
  edits?: { by: string; patch: Record<string, unknown> }[];
  outcome?: {
    result: 'procured' | 'not_procured';
    description: string;
    results?: string;
    lessonsLearned?: string;
  };
}

const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
const deadline = (offset: number) => `${day(offset)}T15:00:00Z`;
const yearRange = (from: number, to: number) => ({
  from: `${new Date().getUTCFullYear() + from}-01-01`,
  to: `${new Date().getUTCFullYear() + to}-12-31`,
});

const needs: DemoNeed[] = [
  {
    network: 'valfardsteknik',
    author: 'karin',
    coordinator: 'karin',
    final: 'published',
    group: 'nattillsyn',
    body: {
      title: 'Digital tillsyn nattetid i hemtjänsten',
      summary:
        'Tre huvudmän vill ersätta en del av nattens tillsynsbesök med digital tillsyn som inte väcker brukaren och som personalen kan lita på.',
      description:
        'Hemtjänsten gör i dag tusentals tillsynsbesök varje natt. Besöken stör sömnen, tar tid från brukare som behöver fysisk hjälp och ger ändå begränsad trygghet. Vi vill hitta lösningar som ger samma eller bättre trygghet utan att integriteten kränks, och som fungerar i allt från storstadens lägenheter till glesbygdens villor.',
      requirements: [
        'Tillsynen ska kunna ske utan att brukaren väcks eller störs.',
        'Personalen ska få larm om avvikelser inom en minut.',
        'Brukaren ska kunna se, pausa och avsluta tillsynen själv eller via företrädare.',
        'Inga bilder som gör det möjligt att identifiera personer får lagras.',
        'Lösningen ska fungera med mobilt nät där fast bredband saknas.',
      ],
      desiredOutcomes:
        'Färre onödiga nattbesök, bättre sömn för brukarna och mer tid för dem som behöver hjälp.',
      cpvCodes: ['35120000', '32441000', '48180000'],
      regions: ['SE110', 'SE232', 'SE331'],
      innovationType: 'new_service',
      stage: 'market_dialogue',
      questionsDeadline: deadline(21),
      dialoguePeriod: { start: day(7), end: day(35) },
      plannedProcurementStart: day(120),
      contact: {
        name: 'Upphandlingsenheten, Region Stockholm',
        email: 'upphandling@regionstockholm.demo.behovstorget.se',
      },
      attachments: [
        {
          title: 'Förstudie om digital nattillsyn',
          url: 'https://demo.behovstorget.se/filer/forstudie-nattillsyn.pdf',
        },
      ],
    },
    demand: [
      { org: 'region-stockholm', quantity: [1200, 'brukare'], value: [9_000_000, 'SEK'], years: [1, 4] },
      { org: 'goteborg', quantity: [800, 'brukare'], value: [6_500_000, 'SEK'], years: [1, 4] },
      { org: 'umea', quantity: [150, 'brukare'], value: [1_200_000, 'SEK'], years: [1, 3] },
    ],
    edits: [
      {
        by: 'johan',
        patch: {
          questionsDeadline: deadline(28),
          changeNote: 'Sista dag för frågor förlängd en vecka efter önskemål från leverantörer.',
        },
      },
    ],
  },
  {
    network: 'valfardsteknik',
    author: 'johan',
    coordinator: 'karin',
    final: 'published',
    body: {
      title: 'Läkemedelsautomater för ordinerade läkemedel i ordinärt boende',
      summary:
        'Brukare som bor hemma tar fel läkemedel eller vid fel tid. Vi söker lösningar som ger rätt dos i rätt tid och larmar när en dos inte tas.',
      description:
        'Felaktigt tagna läkemedel är en vanlig orsak till inläggning på sjukhus bland äldre. I dag lägger hemtjänsten mycket tid på läkemedelsöverlämning. Vi vill pröva lösningar som ökar brukarens självständighet och säkerhet.',
      requirements: [
        'Rätt dos ska lämnas ut vid ordinerad tid.',
        'Missad dos ska larma ansvarig personal.',
        'Lösningen ska kunna användas av personer med nedsatt syn eller finmotorik.',
      ],
      cpvCodes: ['33190000', '33197000'],
      regions: ['SE110', 'SE232'],
      innovationType: 'new_product',
      stage: 'rfi',
      questionsDeadline: deadline(14),
      contact: { name: 'Hemtjänstens utvecklingsenhet', email: 'hemtjanst@goteborg.demo.behovstorget.se' },
    },
    demand: [
      { org: 'goteborg', quantity: [400, 'automater'], value: [3_200_000, 'SEK'], years: [1, 3] },
      { org: 'malmo', quantity: [250, 'automater'], value: [2_000_000, 'SEK'], years: [1, 3] },
    ],
  },
  {
    network: 'valfardsteknik',
    author: 'karin',
    coordinator: 'karin',
    final: 'closed',
    body: {
      title: 'Digitala nycklar för hemtjänst och hemsjukvård',
      summary:
        'Nyckelhanteringen tar tid och är en säkerhetsrisk. Nätverket sökte ett gemensamt sätt att låsa upp hos brukarna.',
      description:
        'Fysiska nycklar hämtas och lämnas flera gånger per dag och kan komma bort. Flera utförare behöver komma in hos samma brukare. Behovet formulerades gemensamt och ledde till en samordnad upphandling.',
      requirements: [
        'Behörig personal ska kunna låsa upp utan fysisk nyckel.',
        'Varje upplåsning ska loggas och kunna följas upp.',
        'Flera utförare ska kunna använda samma lås.',
      ],
      cpvCodes: ['44520000', '48000000'],
      regions: ['SE110', 'SE331'],
      innovationType: 'new_service',
      stage: 'awarded',
      contact: {
        name: 'Upphandlingsenheten, Region Stockholm',
        email: 'upphandling@regionstockholm.demo.behovstorget.se',
      },
    },
    demand: [
      { org: 'region-stockholm', quantity: [5000, 'lås'], value: [7_500_000, 'SEK'] },
      { org: 'umea', quantity: [900, 'lås'], value: [1_400_000, 'SEK'] },
    ],
    outcome: {
      result: 'procured',
      description:
        'Ramavtal med två leverantörer av digitala lås med gemensam behörighetsplattform, tecknat efter tidig dialog med nio leverantörer.',
      results: 'Tiden för nyckelhantering minskade med 40 procent under första året.',
      lessonsLearned: 'Funktionskrav i stället för produktkrav gav fler anbud. Involvera utförarna tidigt.',
    },
  },
  {
    network: 'valfardsteknik',
    author: 'erik',
    coordinator: 'karin',
    final: 'submitted',
    body: {
      title: 'Trygghetslarm med stöd för positionering utomhus',
      summary:
        'Brukare med trygghetslarm vill kunna röra sig utomhus och ändå larma. Vi söker larm som fungerar även utanför hemmet.',
      description:
        'Dagens trygghetslarm fungerar bara i hemmet. Många brukare avstår därför från promenader. Vi vill hitta larm som ger trygghet både inne och ute utan att brukaren känner sig övervakad.',
      requirements: [
        'Larmet ska kunna utlösas både inomhus och utomhus.',
        'Position ska bara skickas när brukaren larmar.',
        'Batteriet ska räcka minst en vecka.',
      ],
      cpvCodes: ['32500000', '35120000'],
      regions: ['SE331'],
      innovationType: 'new_product',
      stage: 'need_analysis',
      contact: { name: 'Socialtjänsten Umeå', email: 'socialtjansten@umea.demo.behovstorget.se' },
    },
    demand: [{ org: 'umea', quantity: [600, 'larm'], value: [1_800_000, 'SEK'] }],
  },
  {
    network: 'valfardsteknik',
    author: 'karin',
    coordinator: 'karin',
    final: 'rejected',
    rejection:
      'Behovet beskriver en viss leverantörs produkt (namngiven AI-modell). Beskriv i stället vilka funktioner som behövs, så granskar vi det igen.',
    body: {
      title: 'AI-stöd för prioritering av samtal till sjukvårdsrådgivningen',
      summary:
        'Vi vill använda en namngiven språkmodell för att prioritera samtal till sjukvårdsrådgivningen.',
      description:
        'Väntetiderna i sjukvårdsrådgivningen är långa under kvällar och helger. Vi vill införa en viss AI-modell för att sortera samtal efter angelägenhet.',
      requirements: ['Lösningen ska bygga på den namngivna modellen.'],
      cpvCodes: ['72000000', '48180000'],
      regions: ['SE110'],
      innovationType: 'research_development',
      stage: 'need_analysis',
      contact: { name: 'Sjukvårdsrådgivningen', email: 'radgivning@regionstockholm.demo.behovstorget.se' },
    },
  },
  {
    network: 'fossilfria-transporter',
    author: 'sara',
    coordinator: 'sara',
    final: 'published',
    body: {
      title: 'Styrd laddning för kommunala fordonsflottor',
      summary:
        'Fordonsflottorna ställs om till el men depåernas elanslutningar räcker inte. Vi söker smart laddning som håller effekttopparna nere.',
      description:
        'Medlemmarna har tillsammans över 3 000 lätta fordon som ska vara eldrivna inom fem år. Att bygga ut anslutningarna vid varje depå är dyrt och tar lång tid. Laddningen behöver styras efter verksamhetens körscheman, elpris och nätets kapacitet.',
      requirements: [
        'Effekttoppen per depå ska inte överstiga abonnerad effekt.',
        'Varje fordon ska vara tillräckligt laddat för nästa planerade körning.',
        'Energianvändningen ska kunna följas upp per fordon och månad i ett öppet format.',
        'Lösningen ska fungera med laddare från olika tillverkare (OCPP).',
      ],
      desiredOutcomes: 'Lägre effektavgifter, inga strandade fordon och snabbare omställning.',
      cpvCodes: ['31158100', '71314000'],
      regions: ['SE232', 'SE332', 'NO081'],
      innovationType: 'new_service',
      stage: 'market_dialogue',
      questionsDeadline: deadline(30),
      dialoguePeriod: { start: day(10), end: day(45) },
      plannedProcurementStart: day(150),
      contact: { name: 'Fordonsstrategiska enheten, VGR', email: 'fordon@vgregion.demo.behovstorget.se' },
    },
    demand: [
      { org: 'vgr', quantity: [1500, 'laddpunkter'], value: [24_000_000, 'SEK'], years: [1, 5] },
      { org: 'lulea', quantity: [300, 'laddpunkter'], value: [4_500_000, 'SEK'], years: [1, 5] },
      { org: 'oslo', quantity: [900, 'laddpunkter'], value: [15_000_000, 'NOK'], years: [1, 5] },
    ],
  },
  {
    network: 'fossilfria-transporter',
    author: 'per',
    coordinator: 'sara',
    final: 'published',
    body: {
      title: 'Fossilfria arbetsmaskiner för vinterväghållning',
      summary:
        'Snöröjning och halkbekämpning sker med dieselmaskiner. Vi söker fossilfria alternativ som klarar norrländsk vinter.',
      description:
        'Vinterväghållningen kräver kraftiga maskiner som ska fungera i sträng kyla och långa pass. Elektrifiering och fossilfria bränslen har prövats i mindre skala. Vi vill förstå vad marknaden kan erbjuda inom fem år.',
      requirements: [
        'Maskinerna ska fungera ned till minus 35 grader.',
        'Ett arbetspass på tio timmar ska kunna genomföras utan tankning eller laddning.',
      ],
      cpvCodes: ['34144000', '90620000'],
      regions: ['SE332', 'SE'],
      innovationType: 'new_product',
      stage: 'need_analysis',
      contact: { name: 'Trafikverket, inköp', email: 'inkop@trafikverket.demo.behovstorget.se' },
    },
    demand: [
      { org: 'trafikverket', quantity: [120, 'maskiner'], value: [180_000_000, 'SEK'], years: [2, 8] },
      { org: 'lulea', quantity: [15, 'maskiner'], value: [22_000_000, 'SEK'], years: [2, 6] },
    ],
    edits: [
      {
        by: 'per',
        patch: {
          stage: 'market_dialogue',
          questionsDeadline: deadline(40),
          changeNote: 'Marknadsdialogen har öppnats.',
        },
      },
    ],
  },
  {
    network: 'fossilfria-transporter',
    author: 'maja',
    coordinator: 'sara',
    final: 'draft',
    body: {
      title: 'Eldrivna arbetsbåtar för skärgårdstrafiken',
      summary: 'Skärgårdens arbetsbåtar går på diesel. Vi utreder behovet av eldrivna båtar.',
      cpvCodes: ['34520000'],
      regions: ['SE332'],
      innovationType: 'new_product',
      stage: 'need_analysis',
    },
  },
  {
    network: 'fossilfria-transporter',
    author: 'maja',
    coordinator: 'sara',
    final: 'closed',
    body: {
      title: 'Samordnade godstransporter till kommunens verksamheter',
      summary:
        'Många små leveranser till skolor och boenden ger trängsel och utsläpp. Vi sökte samordnad varudistribution.',
      description:
        'Varje verksamhet beställde själv och fick leveranser från många leverantörer. Behovet var en samlastningscentral och färre, fossilfria transporter.',
      requirements: [
        'Antalet leveranser till varje verksamhet ska minska med minst hälften.',
        'Sista milen ska köras fossilfritt.',
      ],
      cpvCodes: ['60000000', '63120000'],
      regions: ['SE332'],
      innovationType: 'new_process',
      stage: 'procurement',
      contact: { name: 'Luleå kommun, upphandling', email: 'upphandling@lulea.demo.behovstorget.se' },
    },
    demand: [{ org: 'lulea', quantity: [120, 'leveransadresser'], value: [6_000_000, 'SEK'], years: [1, 4] }],
    outcome: {
      result: 'not_procured',
      description:
        'Upphandlingen avbröts: de inkomna anbuden låg långt över budget och ingen klarade kravet på fossilfri sista mil.',
      lessonsLearned:
        'Fler kommuner behövs för att ge underlag för en samlastningscentral; vi tar upp behovet i nätverket igen.',
    },
  },
  {
    network: 'cirkulara-maltider',
    author: 'amira',
    coordinator: 'amira',
    final: 'published',
    body: {
      title: 'Halverat matsvinn i skolmåltiderna',
      summary:
        'En tredjedel av maten i skolköken slängs. Vi söker lösningar för att planera, mäta och minska svinnet.',
      description:
        'Skolköken lagar mat efter uppskattningar. Frånvaro, utflykter och menyval gör att mycket mat blir över. Vi vill mäta svinnet per kök och dag och få prognoser som gör att vi lagar rätt mängd.',
      requirements: [
        'Svinnet ska kunna mätas per kök och dag utan extra arbete för personalen.',
        'Prognosen för antal ätande ska träffa inom tio procent.',
        'Lösningen ska fungera i kök av olika storlek.',
      ],
      cpvCodes: ['55524000', '48000000'],
      regions: ['SE224', 'SE232'],
      innovationType: 'new_service',
      stage: 'procurement',
      questionsDeadline: deadline(10),
      plannedProcurementStart: day(20),
      contact: { name: 'Måltidsservice Malmö', email: 'maltider@malmo.demo.behovstorget.se' },
    },
    demand: [
      { org: 'malmo', quantity: [180, 'kök'], value: [4_000_000, 'SEK'], years: [1, 3] },
      { org: 'skane', quantity: [40, 'kök'], value: [1_100_000, 'SEK'], years: [1, 3] },
      { org: 'goteborg', quantity: [210, 'kök'], value: [4_600_000, 'SEK'], years: [1, 3] },
    ],
  },
  {
    network: 'cirkulara-maltider',
    author: 'lars',
    coordinator: 'amira',
    final: 'published',
    body: {
      title: 'Mätning och prognos av antal ätande i förskolan',
      summary:
        'Förskolorna vet sällan i förväg hur många barn som äter. Vi söker enkla sätt att förutse det.',
      description:
        'Närvaron i förskolan varierar med sjukdom, lov och väder. Köken lagar därför ofta för mycket. Vi vill få bättre underlag utan att personalen får mer administration.',
      requirements: [
        'Uppgift om antal ätande ska finnas klockan nio varje dag.',
        'Lösningen ska inte kräva att vårdnadshavare använder en ny app.',
      ],
      cpvCodes: ['48000000', '72000000'],
      regions: ['SE224'],
      innovationType: 'new_process',
      stage: 'market_dialogue',
      questionsDeadline: deadline(25),
      contact: { name: 'Region Skåne, måltider', email: 'maltider@skane.demo.behovstorget.se' },
    },
  },
  {
    network: 'cirkulara-maltider',
    author: 'amira',
    coordinator: 'amira',
    final: 'published',
    body: {
      title: 'Återvinning av matavfall till biogas och biogödsel nära köken',
      summary:
        'Transporter av matavfall är dyra. Vi söker lösningar som tar hand om avfallet nära storköken.',
      description:
        'Matavfallet från storköken hämtas i dag med tunga transporter. Vi vill pröva lösningar som förbehandlar eller rötar avfallet på plats och ger biogas eller biogödsel lokalt.',
      requirements: [
        'Lösningen ska inte ge luktproblem i närmiljön.',
        'Restprodukten ska kunna användas som gödsel.',
      ],
      cpvCodes: ['90514000', '90500000'],
      regions: ['SE224', 'SE232'],
      innovationType: 'research_development',
      stage: 'rfi',
      contact: { name: 'Måltidsservice Malmö', email: 'maltider@malmo.demo.behovstorget.se' },
    },
  },
];

function principal(id: string, email: string, isAdmin = false): Principal {
  return {
    userId: id,
    sessionId: 'seed',
    email,
    emailVerified: true,
    isAdmin,
    language: 'sv',
    via: 'bearer',
  };
}

export const needsSeed: SeedStep = {
  name: 'Needs in every status, with demand, change logs and outcomes',
  async run(ctx: SeedContext) {
    const { deps } = ctx;
    const policy = createAppPolicy(deps);
    const orgs = createOrganisationsModule(deps, policy);
    const nets = createNetworksModule(deps, policy, orgs);
    const module: NeedsModule = createNeedsModule(deps, policy, orgs, nets);
    const users = createUsersRepository(deps.mongo);

    const subject = async (userKey: string, admin = false): Promise<Subject> => {
      const id = ctx.ref(`user:${userKey}`);
      const user = await users.findById(id);
      return {
        principal: principal(id, user?.email ?? '', admin),
        memberships: admin ? [] : await orgs.repositories.memberships.membershipsForUser(id),
      };
    };
    const admin = await subject('admin', true);
    const counts: Record<Final, number> = { draft: 0, submitted: 0, rejected: 0, published: 0, closed: 0 };

    for (const n of needs) {
      const input = createNeedBody.parse({
        ...n.body,
        networkId: ctx.ref(`network:${n.network}`),
        ...(n.group ? { buyerGroupId: ctx.ref(`group:${n.group}`) } : {}),
        demand: (n.demand ?? []).map((d) => ({
          organisationId: ctx.ref(`org:${d.org}`),
          ...(d.quantity ? { quantity: { amount: d.quantity[0], unit: d.quantity[1] } } : {}),
          ...(d.value ? { value: { amount: d.value[0], currency: d.value[1] } } : {}),
          ...(d.years ? { timeframe: yearRange(d.years[0], d.years[1]) } : {}),
        })),
      });
      const author = await subject(n.author);
      const coordinator = await subject(n.coordinator);
      const { need } = await module.service.create(author, input);
      if (n.final !== 'draft') await module.service.submit(coordinator, need.id);
      if (n.final === 'rejected')
        await module.moderation.reject(admin, need.id, n.rejection ?? 'Behöver förtydligas.');
      if (n.final === 'published' || n.final === 'closed') await module.moderation.approve(admin, need.id);
      for (const edit of n.edits ?? []) {
        await module.service.update(await subject(edit.by), need.id, updateNeedBody.parse(edit.patch));
      }
      if (n.final === 'closed' && n.outcome)
        await module.service.close(coordinator, need.id, { outcome: n.outcome });
      counts[n.final] += 1;
    }
    ctx.log(
      `${needs.length} needs: ${counts.published} published, ${counts.closed} closed, ${counts.submitted} waiting for review, ` +
        `${counts.rejected} rejected, ${counts.draft} draft`,
    );

    // The workers would index them from the outbox; a rebuild makes search work at once.
    try {
      const indexed = await rebuildSearchIndex(deps, needsSearchIndex);
      ctx.log(`${indexed} public needs indexed`);
    } catch (err) {
      ctx.log(
        `search index not rebuilt (${err instanceof Error ? err.message : String(err)}); the workers will index the needs`,
      );
    }
  },
};
