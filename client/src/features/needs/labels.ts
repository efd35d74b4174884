import type { TFunction } from 'i18next';

/** The public stages of a need, in lifecycle order. Unknown stages from the API are shown by code. */
export const stages = [
  'need_analysis',
  'market_dialogue',
  'rfi',
  'procurement',
  'awarded',
  'closed',
] as const;
export type KnownStage = (typeof stages)[number];
const isKnownStage = (stage: string): stage is KnownStage => (stages as readonly string[]).includes(stage);

export function stageLabel(t: TFunction, stage: string): string {
  return isKnownStage(stage) ? t(`stage.${stage}`) : t('stage.unknown', { stage });
}

/** Tag colours per stage (Designsystemet colours, all AA on their tinted backgrounds). */
export function stageColor(stage: string): 'info' | 'success' | 'warning' | 'neutral' {
  switch (stage) {
    case 'need_analysis':
      return 'info';
    case 'market_dialogue':
    case 'rfi':
      return 'success';
    case 'procurement':
    case 'awarded':
      return 'warning';
    default:
      return 'neutral';
  }
}

/** Swedish counties as NUTS 2021 level-3 codes, plus the whole country. */
export const regionCodes = [
  'SE',
  'SE110',
  'SE121',
  'SE122',
  'SE123',
  'SE124',
  'SE125',
  'SE211',
  'SE212',
  'SE213',
  'SE214',
  'SE221',
  'SE224',
  'SE231',
  'SE232',
  'SE311',
  'SE312',
  'SE313',
  'SE321',
  'SE322',
  'SE331',
  'SE332',
] as const;
export type RegionCode = (typeof regionCodes)[number];
const isRegionCode = (code: string): code is RegionCode => (regionCodes as readonly string[]).includes(code);

export function regionLabel(t: TFunction, code: string): string {
  return isRegionCode(code) ? t(`regions.${code}`) : code;
}
