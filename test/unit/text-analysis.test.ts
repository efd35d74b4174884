import {
  analyzeQuery,
  analyzeText,
  compoundLemmas,
  indexTerms,
  markMatches,
  splitCompound,
} from '../../server/platform/text/index.js';
import { lexicon } from '../../server/platform/text/lexicon.js';

const parts = (word: string) => splitCompound(word)?.map((p) => p.lemma) ?? null;
const termOf = (word: string) => {
  const { terms } = analyzeQuery(word);
  expect(terms).toHaveLength(1);
  return terms[0]!;
};
/** A query finds a text when each of its terms is among the text's index terms. */
const finds = (query: string, text: string) => {
  const terms = new Set(analyzeText(text));
  return analyzeQuery(query).terms.every((t) => terms.has(t));
};

describe('text analysis: decompounding', () => {
  it.each([
    ['skolmat', ['skola', 'mat']],
    ['kvinnohälsa', ['kvinna', 'hälsa']],
    ['gatubelysning', ['gata', 'belysning']],
    ['hemtjänst', ['hem', 'tjänst']],
    ['broinspektion', ['bro', 'inspektion']],
    ['broinspektioner', ['bro', 'inspektion']],
    ['parkeringsautomat', ['parkering', 'automat']],
    ['avfallshantering', ['avfall', 'hantering']],
    ['kameraövervakning', ['kamera', 'övervakning']],
  ])('when %s is split, then its parts are %j (linking letters and inflection undone)', (word, expected) => {
    expect(parts(word)).toEqual(expected);
  });

  it('when a part is itself a long compound, then its parts are found too: skogsbruksplan → skog, bruk, plan', () => {
    expect(parts('skogsbruksplan')).toEqual(['skogsbruk', 'plan']);
    expect(compoundLemmas('skogsbruksplan')).toEqual(expect.arrayContaining(['skog', 'bruk', 'plan']));
  });

  it.each(['kaffe', 'station', 'antal', 'ansvar', 'restaurang', 'verkstad', 'kommunikation', 'information'])(
    'when %s is analysed, then it is not split into nonsense',
    (word) => {
      expect(splitCompound(word)).toBeNull();
    },
  );

  it('when a dictionary word would only split into three short pieces, then it stays whole', () => {
    // digital + ise + ring: every piece is a word, the split is still nonsense.
    expect(splitCompound('digitalisering')).toBeNull();
    // Short parts are not split again: ungdom is not ung + dom.
    expect(compoundLemmas('ungdomsgård')).toEqual(['ungdom', 'gård']);
  });

  it('when the dictionary is loaded, then it holds the Swedish lemmas once for the process', () => {
    expect(lexicon().lemmaCount).toBeGreaterThan(100_000);
    expect(lexicon()).toBe(lexicon());
  });
});

describe('text analysis: stemming and query terms', () => {
  it.each([
    ['broar', 'bro'],
    ['inspektioner', 'inspektion'],
    ['skolor', 'skola'],
    ['hemtjänsten', 'hemtjänst'],
    ['Fordonen', 'fordon'],
    ['inspections', 'inspection'],
  ])('when %s is asked, then it searches the same term as %s', (a, b) => {
    expect(termOf(a)).toBe(termOf(b));
  });

  it('when a part is asked, then it finds the compound; an inflected form finds its base form', () => {
    expect(finds('tjänst', 'Digital tillsyn i hemtjänsten')).toBe(true);
    expect(finds('bro', 'Broinspektioner med drönare')).toBe(true);
    expect(finds('broar', 'Inspektion av en bro')).toBe(true);
    expect(finds('skog', 'Ny skogsbruksplan för kommunens skogar')).toBe(true);
    expect(finds('plan', 'Ny skogsbruksplan')).toBe(true);
  });

  it('when unrelated words share letters, then they do not find each other', () => {
    expect(finds('bro', 'Brottsförebyggande arbete')).toBe(false);
    expect(finds('station', 'Statistik för kommunen')).toBe(false);
    expect(finds('verk', 'Ny verkstad i Luleå')).toBe(false);
  });

  it('when the query has function words and repeats, then they are dropped; words keep their form', () => {
    expect(analyzeQuery('Skola och  skolor för barn')).toEqual({
      words: ['skola', 'skolor', 'barn'],
      terms: [termOf('skola'), termOf('barn')],
      lastComplete: true,
    });
    expect(analyzeQuery('laddinfra').lastComplete).toBe(false);
    expect(analyzeQuery('laddinfra ').lastComplete).toBe(true);
  });

  it('when text is indexed, then terms are folded, deduplicated and in field order', () => {
    const terms = indexTerms(['Broinspektion', 'Inspektion av broar i Malmö']).split(' ');

    expect(terms.slice(0, 3)).toEqual(['broinspektion', 'bro', 'inspektion']);
    expect(terms).toContain('malmo');
    expect(new Set(terms).size).toBe(terms.length);
    expect(terms.every((t) => t === t.toLowerCase() && !/[åäö]/.test(t))).toBe(true);
  });
});

describe('text analysis: highlighting from the analysis', () => {
  it('when a query matches through stems and parts, then those words are marked, existing marks kept', () => {
    const q = analyzeQuery('broar');

    expect(markMatches('Broinspektion av broar och en bro', q, '[', ']')).toBe(
      '[Broinspektion] av [broar] och en [bro]',
    );
    expect(markMatches('[Bro]inspektion i Malmö', q, '[', ']')).toBe('[Bro]inspektion i Malmö');
    expect(markMatches('Skolmat', q, '[', ']')).toBeUndefined();
  });
});
