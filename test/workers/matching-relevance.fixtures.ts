/**
 * The issue's own example as test data: the need "Digital tillsyn nattetid i hemtjänsten", a
 * supplier whose profile describes it but whose codes are in other divisions, and suppliers
 * that share the need's codes or division but do something else.
 */
export const NIGHT_NEED = {
  title: 'Digital tillsyn nattetid i hemtjänsten',
  summary:
    'Tre huvudmän vill ersätta en del av nattens tillsynsbesök med digital tillsyn som inte väcker brukaren.',
  description:
    'Hemtjänsten gör i dag tusentals tillsynsbesök varje natt. Besöken stör sömnen och tar tid från brukare som behöver fysisk hjälp.',
  requirements: [
    'Tillsynen ska kunna ske utan att brukaren väcks eller störs.',
    'Personalen ska få larm om avvikelser inom en minut.',
  ],
  cpvCodes: ['35120000', '32441000', '48180000'],
  regions: ['SE110'],
};

export const NIGHT_SUPPLIERS = [
  {
    name: 'Trygg Natt Teknik',
    // Video surveillance, patient monitoring, medical software: none under the need's codes.
    cpvCodes: ['32323500', '33195000', '48814000'],
    regions: ['SE'],
    pitch: 'Digital tillsyn nattetid i hemtjänsten med kamera och sensorer.',
    description:
      'Vi utvecklar nattkameror och sängsensorer som låter hemtjänstens personal göra tillsyn på distans utan att väcka brukaren.',
    offerings: [
      {
        name: 'Digital nattillsyn',
        description: 'Kameratillsyn nattetid som inte väcker brukaren, med larm till personalen.',
      },
      'Införandestöd för hemtjänst',
    ],
    references: [
      { buyerName: 'Örebro kommun', year: 2024, text: 'Digital nattillsyn i hemtjänsten för 120 brukare.' },
    ],
    keywords: ['nattillsyn', 'välfärdsteknik'],
    logoUrl: 'https://example.org/trygg.png',
  },
  {
    name: 'Vakt & Larm Bevakning',
    // The need's own code (35120000), national coverage: a same-code supplier doing something else.
    cpvCodes: ['35120000', '79710000'],
    regions: ['SE'],
    pitch: 'Bevakning av kontor och fastigheter med väktare och skalskydd.',
    description: 'Ronderande väktare, passagesystem och larmcentral för fastighetsägare och företag.',
    offerings: ['Väktare', 'Skalskydd för fastigheter'],
  },
  {
    name: 'Skolplattformen',
    // Educational software (48190000), a sibling of the need's 48180000 in the same division.
    cpvCodes: ['48190000'],
    regions: ['SE'],
    pitch: 'Lärplattform för grundskolan med schema, närvaro och kontakt med vårdnadshavare.',
    description: 'Skolplattformen samlar lektionsplanering, närvaro och betyg för kommunala grundskolor.',
    offerings: ['Lärplattform'],
  },
  {
    name: 'Menyvärket',
    cpvCodes: ['48000000'],
    regions: ['SE110'],
    pitch: 'Menyplanering och kostdata för skolkök och äldreomsorgens kök.',
    description: 'Programvara för recept, näringsberäkning och beställningar i offentliga storkök.',
    offerings: ['Kostdatasystem'],
  },
];

/** A need nobody in NIGHT_SUPPLIERS can serve. */
export const SNOW_NEED = {
  title: 'Snöröjning av gång- och cykelvägar med eldrivna maskiner',
  summary: 'Kommunen söker tysta, eldrivna maskiner för vinterväghållning av gång- och cykelbanor.',
  description: 'Maskinerna ska klara tio centimeter snö och sandning på smala cykelbanor.',
  requirements: ['Maskinerna ska vara eldrivna.'],
  cpvCodes: ['90620000'],
  regions: ['SE110'],
};
