/** Plain text as written: blank lines make paragraphs. Always rendered as text, never as HTML. */
export function Paragraphs({ text, className }: { text: string; className?: string }) {
  const paragraphs = text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p, i) => <p key={i}>{p}</p>);
  return className ? <div className={className}>{paragraphs}</div> : <>{paragraphs}</>;
}
