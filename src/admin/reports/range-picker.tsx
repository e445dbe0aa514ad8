import { useState } from 'react';
import { DatePickerInput, DatesProvider } from '@mantine/dates';
import 'dayjs/locale/ru';
import 'dayjs/locale/uz-latn';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../common/i18n/index';
import { currentLanguage } from '../i18n/index';
import {
  presetRange,
  rangeFromPicked,
  toPicked,
  type DayRange,
  type PickedRange,
  type RangePreset,
} from './range';

const dayjsLocale: Record<Lang, string> = { uz: 'uz-latn', ru: 'ru', en: 'en' };
const presets: readonly RangePreset[] = ['today', 'yesterday', 'week', 'month'];

/**
 * The report period as store days, shown dd.mm.yyyy. The report follows only a finished pick; closing the
 * calendar after one click goes back to the period on screen.
 */
export function RangePicker({ range, onChange }: { range: DayRange; onChange: (range: DayRange) => void }) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<PickedRange>(() => toPicked(range));
  return (
    <DatesProvider settings={{ locale: dayjsLocale[currentLanguage()], firstDayOfWeek: 1 }}>
      <DatePickerInput
        type="range"
        label={t('reports.range')}
        valueFormat="DD.MM.YYYY"
        allowSingleDateInRange
        value={picked}
        onChange={(value) => {
          setPicked(value);
          const next = rangeFromPicked(value);
          if (next) onChange(next);
        }}
        // A finished pick stays even if the close arrives before the new period reaches this component;
        // only a half pick goes back to the period on screen.
        onDropdownClose={() => setPicked((current) => (rangeFromPicked(current) ? current : toPicked(range)))}
        presets={presets.map((preset) => ({
          value: toPicked(presetRange(preset)),
          label: t(`reports.presets.${preset}`),
        }))}
        miw={240}
        data-testid="report-range"
      />
    </DatesProvider>
  );
}
