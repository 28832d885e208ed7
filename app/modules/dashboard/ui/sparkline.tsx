/**
 * A week of input as seven small bars, one per day, oldest first. The numbers are in its
 * accessible name, so it is never the only way to read them.
 */
import { chartColors } from "~/modules/representativeness/ui/chart-format.ts";

const barWidth = 8;
const gap = 3;
const height = 26;

export function Sparkline({ values, label }: { values: number[]; label: string }) {
  const max = Math.max(1, ...values);
  const width = values.length * (barWidth + gap) - gap;
  return (
    <svg className="sparkline" role="img" aria-label={label} width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
      {values.map((v, i) => {
        // An empty day keeps a thin baseline, so a quiet day reads as zero rather than missing.
        const h = v > 0 ? Math.max(3, (v / max) * height) : 1.5;
        return <rect key={i} x={i * (barWidth + gap)} y={height - h} width={barWidth} height={h} rx="1" style={{ fill: v > 0 ? chartColors.participants : chartColors.inkSoft }} />;
      })}
    </svg>
  );
}
