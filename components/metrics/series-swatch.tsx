/** A legend's sample of a series' line: its colour and dash, as the chart draws it. Props only. */
export function SeriesSwatch({ colour, dash }: { colour: string; dash?: string | undefined }) {
  return (
    <svg aria-hidden="true" width="16" height="6" className="inline-block" data-colour={colour}>
      <line x1="0" y1="3" x2="16" y2="3" stroke={colour} strokeWidth="2" strokeDasharray={dash} />
    </svg>
  );
}
