/**
 * Swedish and English words for the same procurement idea. Every word of a group finds the
 * others (Meilisearch synonyms are one-way, so each group is expanded both ways).
 * Keep entries lower case; multi-word entries are allowed ("artificiell intelligens").
 */
export const synonymGroups: readonly (readonly string[])[] = [
  ['upphandling', 'procurement', 'inköp', 'purchasing', 'tender', 'anbud'],
  [
    'innovationsupphandling',
    'innovation procurement',
    'pcp',
    'förkommersiell upphandling',
    'pre-commercial procurement',
  ],
  ['innovationspartnerskap', 'innovation partnership'],
  ['behov', 'need', 'needs', 'utmaning', 'challenge', 'utmaningar', 'challenges'],
  ['kommun', 'municipality', 'kommuner', 'municipalities'],
  ['region', 'landsting', 'county council'],
  ['myndighet', 'authority', 'agency', 'myndigheter'],
  ['leverantör', 'supplier', 'leverantörer', 'suppliers', 'vendor'],
  ['ai', 'artificiell intelligens', 'artificial intelligence', 'maskininlärning', 'machine learning'],
  ['digitalisering', 'digitalisation', 'digitalization', 'digital transformation'],
  ['e-hälsa', 'ehälsa', 'ehealth', 'e-health', 'digital vård', 'digital care', 'telemedicin', 'telemedicine'],
  ['välfärdsteknik', 'welfare technology', 'välfärdsteknologi', 'assistive technology'],
  ['hemtjänst', 'home care', 'hemsjukvård', 'home healthcare'],
  ['äldreomsorg', 'elderly care', 'aged care'],
  ['sjukvård', 'healthcare', 'health care', 'vård'],
  ['fordon', 'vehicle', 'vehicles', 'bil', 'bilar', 'car', 'cars'],
  ['elfordon', 'electric vehicle', 'electric vehicles', 'elbil', 'elbilar'],
  [
    'laddinfrastruktur',
    'charging',
    'charging infrastructure',
    'laddning',
    'laddstolpe',
    'laddstolpar',
    'charging station',
  ],
  ['energi', 'energy'],
  ['energieffektivisering', 'energy efficiency'],
  ['solenergi', 'solar energy', 'solceller', 'solar panels', 'solar power'],
  ['avfall', 'waste', 'sopor', 'refuse'],
  ['återvinning', 'recycling', 'återbruk', 'reuse'],
  ['cirkulär ekonomi', 'circular economy'],
  ['klimat', 'climate'],
  ['hållbarhet', 'sustainability', 'hållbar', 'sustainable'],
  ['livsmedel', 'food', 'mat', 'måltider', 'meals'],
  ['skola', 'school', 'skolor', 'schools', 'utbildning', 'education'],
  ['belysning', 'lighting', 'gatubelysning', 'street lighting'],
  ['transport', 'transporter', 'logistik', 'logistics'],
  ['kollektivtrafik', 'public transport', 'public transit'],
  ['byggnad', 'building', 'byggnader', 'buildings', 'fastighet', 'fastigheter', 'property'],
  ['vatten', 'water', 'avlopp', 'wastewater', 'sewage'],
  ['sensor', 'sensorer', 'sensors', 'iot', 'sakernas internet', 'internet of things'],
  ['programvara', 'software', 'mjukvara', 'it-system'],
  ['molntjänst', 'cloud service', 'molnet', 'cloud'],
  ['säkerhet', 'security', 'informationssäkerhet', 'information security', 'cybersäkerhet', 'cybersecurity'],
  ['tillgänglighet', 'accessibility'],
  ['drönare', 'drone', 'drones'],
  ['marknadsdialog', 'market dialogue', 'tidig dialog', 'early dialogue', 'dialog', 'dialogue'],
  ['funktionskrav', 'functional requirements', 'krav', 'requirements'],
];

/** Meilisearch's `synonyms` setting: each word maps to the other words of its group(s). */
export function meiliSynonyms(
  groups: readonly (readonly string[])[] = synonymGroups,
): Record<string, string[]> {
  const map = new Map<string, Set<string>>();
  for (const group of groups) {
    const words = [...new Set(group.map((w) => w.toLowerCase()))];
    for (const word of words) {
      const others = map.get(word) ?? new Set<string>();
      for (const other of words) if (other !== word) others.add(other);
      map.set(word, others);
    }
  }
  return Object.fromEntries([...map].map(([word, others]) => [word, [...others].sort()]));
}
