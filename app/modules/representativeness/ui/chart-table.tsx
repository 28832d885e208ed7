import type { ReactNode } from "react";
import { summaryStyle } from "./chart-format.ts";

/**
 * A chart's figures as a table, folded under the chart: the same numbers for a screen reader, a
 * copy into a spreadsheet, or a reader who prefers digits to bars. `children` are the table's
 * head and body.
 */
export function ChartTable({ show, caption, children }: { show: string; caption: string; children: ReactNode }) {
  return (
    <details>
      <summary style={summaryStyle}>{show}</summary>
      {/* Zero width, at least full width: the table never widens the page it sits in, it scrolls,
          and a keyboard can scroll it too. */}
      <div className="table-wrap" style={{ marginTop: "0.5rem", width: 0, minWidth: "100%" }} tabIndex={0} role="region" aria-label={caption}>
        {/* Whole words and numbers: on a narrow screen the table scrolls in its frame instead. */}
        <table className="data-table" style={{ overflowWrap: "normal" }}>
          <caption className="visually-hidden">{caption}</caption>
          {children}
        </table>
      </div>
    </details>
  );
}
