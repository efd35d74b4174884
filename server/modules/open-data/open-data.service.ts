import { stringify } from 'csv-stringify/sync';
import { createDatasets, DATASET_IDS, type DatasetId } from './datasets.js';
import { cell, TYPE_NAMES, type Dataset, type Field, type Text } from './fields.js';
import type { OpenDataRepository } from './open-data.repository.js';

export interface CatalogueEntry {
  id: string;
  title: Text;
  description: Text;
  format: string;
  mediaType: string;
  url: string;
  /** The dataset's field-by-field description, where it has one. */
  documentation?: string;
  access: 'public' | 'network_members';
  license: string;
}

const api = (path: string, baseUrl: string) => `${baseUrl.replace(/\/+$/, '')}${path}`;

/** Open data: the CSV files, their READMEs (from the same field definitions) and the catalogue. */
export function createOpenDataService(deps: { repo: OpenDataRepository; baseUrl: string; license: string }) {
  const datasets = createDatasets(deps.repo, deps.baseUrl);
  const get = (id: DatasetId) => datasets[id] as unknown as Dataset<unknown>;

  function header(id: DatasetId): string[] {
    return get(id).fields.map((f) => f.name);
  }

  function readme(id: DatasetId): string {
    const d = get(id);
    const row = (f: Field<unknown>, lang: 'sv' | 'en') =>
      `| \`${f.name}\` | ${TYPE_NAMES[f.type][lang]} | ${f.description[lang].replace(/\|/g, '\\|')} |`;
    const section = (lang: 'sv' | 'en') => {
      const l =
        lang === 'sv'
          ? {
              file: 'Fil',
              format:
                'CSV enligt RFC 4180: UTF-8 med BOM, kommatecken som avgränsare, CRLF mellan rader, citattecken runt fält som behöver det (radbrytningar kan finnas inne i fält). Första raden är kolumnnamnen. Tomt fält = uppgift saknas. En text som börjar med =, +, -, @ eller tabb får en apostrof först, så att kalkylprogram inte kör den som formel.',
              licence: 'Licens',
              fields: 'Fält',
              head: '| fält | typ | betydelse |',
              personal:
                'Inga personuppgifter: kontaktpersoner, leverantörer som anmält sig eller bjudits in, frågeställare, e-postadresser och länkar till digitala möten ingår aldrig.',
            }
          : {
              file: 'File',
              format:
                'CSV as in RFC 4180: UTF-8 with a BOM, comma-separated, CRLF between records, fields quoted where needed (fields may hold line breaks). The first record is the header. An empty field means no value. A text starting with =, +, -, @ or a tab gets a leading apostrophe so that spreadsheets do not run it as a formula.',
              licence: 'Licence',
              fields: 'Fields',
              head: '| field | type | meaning |',
              personal:
                'No personal data: contact persons, registered or invited suppliers, askers, email addresses and online-meeting links are never included.',
            };
      return [
        `## ${d.title[lang]}`,
        '',
        d.description[lang],
        '',
        `${l.file}: ${api(`/api/open-data/${id}.csv`, deps.baseUrl)}`,
        '',
        l.format,
        '',
        l.personal,
        '',
        `${l.licence}: ${deps.license}`,
        '',
        `### ${l.fields}`,
        '',
        l.head,
        '| --- | --- | --- |',
        ...d.fields.map((f) => row(f, lang)),
        '',
      ].join('\n');
    };
    return [`# ${id}.csv`, '', section('sv'), section('en')].join('\n');
  }

  return {
    header,
    readme,

    async csv(id: DatasetId): Promise<string> {
      const d = get(id);
      const rows = await d.rows();
      return stringify([header(id), ...rows.map((r) => d.fields.map((f) => cell(f, r)))], {
        record_delimiter: 'windows',
        bom: true,
      });
    },

    catalogue(): CatalogueEntry[] {
      const base = deps.baseUrl;
      const license = deps.license;
      const csv: CatalogueEntry[] = DATASET_IDS.map((id) => ({
        id,
        title: get(id).title,
        description: get(id).description,
        format: 'CSV',
        mediaType: 'text/csv',
        url: api(`/api/open-data/${id}.csv`, base),
        documentation: api(`/api/open-data/${id}.md`, base),
        access: 'public',
        license,
      }));
      const entry = (e: Omit<CatalogueEntry, 'license' | 'url'> & { path: string }): CatalogueEntry => {
        const { path, ...rest } = e;
        return { ...rest, url: api(path, base), license };
      };
      return [
        ...csv,
        entry({
          id: 'ocds-need-releases',
          title: { sv: 'OCDS-releaser för ett behov', en: 'OCDS releases of a need' },
          description: {
            sv: 'Ett behovs hela offentliga historik som OCDS 1.1.5-releaser (planeringsskedet): publicering, ändringar, möten, frågor och svar, resultat.',
            en: 'A need’s whole public history as OCDS 1.1.5 releases (planning stage): publication, changes, meetings, questions and answers, outcome.',
          },
          format: 'OCDS release package (JSON)',
          mediaType: 'application/json',
          path: '/api/ocds/needs/{id}/releases',
          access: 'public',
        }),
        entry({
          id: 'ocds-need-record',
          title: { sv: 'OCDS-post för ett behov', en: 'OCDS record of a need' },
          description: {
            sv: 'Ett behovs OCDS-post med den sammanställda releasen (compiledRelease).',
            en: 'A need’s OCDS record with its compiled release.',
          },
          format: 'OCDS record package (JSON)',
          mediaType: 'application/json',
          path: '/api/ocds/needs/{id}/record',
          access: 'public',
        }),
        entry({
          id: 'ocds-releases',
          title: { sv: 'Alla OCDS-releaser', en: 'All OCDS releases' },
          description: {
            sv: 'Alla releaser, äldst först, sidindelade med `links.next`; `since` ger bara nyare.',
            en: 'Every release, oldest first, paged with `links.next`; `since` gives only newer ones.',
          },
          format: 'OCDS release package (JSON)',
          mediaType: 'application/json',
          path: '/api/ocds/releases?since=&page=',
          access: 'public',
        }),
        entry({
          id: 'ocds-dumps',
          title: { sv: 'OCDS-dumpar per dygn', en: 'Daily OCDS dumps' },
          description: {
            sv: 'Daterade nattliga dumpar av alla releaser som gzippad JSON Lines.',
            en: 'Dated nightly dumps of every release as gzipped JSON Lines.',
          },
          format: 'JSON Lines, gzip',
          mediaType: 'application/json',
          path: '/api/ocds/dumps',
          access: 'public',
        }),
        entry({
          id: 'needs-atom',
          title: { sv: 'Atom-flöde med behov', en: 'Atom feed of needs' },
          description: {
            sv: 'Nya och ändrade behov som Atom, med samma filter som sökningen (`GET /api/needs`): följ en sökning i valfri flödesläsare.',
            en: 'New and changed needs as Atom, with the same filters as search (`GET /api/needs`): follow a search in any feed reader.',
          },
          format: 'Atom 1.0',
          mediaType: 'application/atom+xml',
          path: '/api/needs.atom',
          access: 'public',
        }),
        entry({
          id: 'network-needs-atom',
          title: { sv: 'Atom-flöde per nätverk', en: 'Atom feed per network' },
          description: {
            sv: 'Ett beställarnätverks behov som Atom.',
            en: 'A buyer network’s needs as Atom.',
          },
          format: 'Atom 1.0',
          mediaType: 'application/atom+xml',
          path: '/api/networks/{id}/needs.atom',
          access: 'public',
        }),
        entry({
          id: 'need-calendar',
          title: { sv: 'Kalender för ett behov', en: 'Calendar of a need' },
          description: {
            sv: 'Ett behovs dialogmöten som prenumererbar iCal-kalender (utan länkar till digitala möten).',
            en: 'A need’s dialogue meetings as a subscribable iCal calendar (without online-meeting links).',
          },
          format: 'iCalendar (RFC 5545)',
          mediaType: 'text/calendar',
          path: '/api/needs/{id}/calendar.ics',
          access: 'public',
        }),
        entry({
          id: 'network-calendar',
          title: { sv: 'Kalender för ett nätverk', en: 'Calendar of a network' },
          description: {
            sv: 'Alla dialogmöten för ett nätverks publicerade behov som iCal-kalender.',
            en: 'Every dialogue meeting of a network’s published needs as an iCal calendar.',
          },
          format: 'iCalendar (RFC 5545)',
          mediaType: 'text/calendar',
          path: '/api/networks/{id}/calendar.ics',
          access: 'public',
        }),
        entry({
          id: 'eforms-e1',
          title: {
            sv: 'eForms-annons E1 (förhandsannons om marknadsdialog)',
            en: 'eForms E1 notice (pre-market consultation)',
          },
          description: {
            sv: 'Behovets inbjudan till tidig dialog som eForms-annons av typen E1 (SDK 1.15), klar att lämna till TED eller en annonsdatabas. För nätverkets medlemmar; uppfyller SDK:ns XSD och affärsregler.',
            en: 'The need’s invitation to early dialogue as an eForms notice of subtype E1 (SDK 1.15), ready to file with TED or a national notice service. For the network’s members; passes the SDK’s XSD and business rules.',
          },
          format: 'eForms UBL 2.3 XML',
          mediaType: 'application/xml',
          path: '/api/needs/{id}/eforms-e1.xml',
          access: 'network_members',
        }),
      ];
    },
  };
}

export type OpenDataService = ReturnType<typeof createOpenDataService>;
