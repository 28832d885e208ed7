/**
 * Faces for the 1–5 scale, drawn as SVG: emoji fonts differ between phones (and some have none),
 * and the faces must read the same on every screen and in the share cards.
 */
const mouths = [
  "M12 24 Q20 16 28 24", // really bad: deep frown
  "M13 24 Q20 20 27 24",
  "M13 23 L27 23",
  "M13 21 Q20 26 27 21",
  "M11 20 Q20 31 29 20", // really good: big smile
];
const fills = ["#f26d5b", "#f5a25d", "#f4d35e", "#9bd770", "#4cc38a"];

export function ScaleFace({ value, size = 32 }: { value: number; size?: number }) {
  const i = Math.min(Math.max(value, 1), 5) - 1;
  return (
    <svg viewBox="0 0 40 40" width={size} height={size} aria-hidden="true" focusable="false" className="scale-face">
      <circle cx="20" cy="20" r="18" fill={fills[i]} stroke="#1a1d21" strokeWidth="2" />
      <circle cx="14" cy="15" r="2.4" fill="#1a1d21" />
      <circle cx="26" cy="15" r="2.4" fill="#1a1d21" />
      <path d={mouths[i]} fill="none" stroke="#1a1d21" strokeWidth="2.6" strokeLinecap="round" />
    </svg>
  );
}
