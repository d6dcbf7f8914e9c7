/** Bars of one series (per day), drawn as SVG: no chart library, a few hundred bytes. */
export function BarChart({ title, points, format }: { title: string; points: { label: string; value: number }[]; format: (value: number) => string }) {
  const max = Math.max(1, ...points.map((point) => point.value));
  const width = 640;
  const height = 180;
  const bar = width / Math.max(points.length, 1);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height + 24}`} role="img" aria-label={`${title}: ${points.map((p) => `${p.label} ${format(p.value)}`).join(', ')}`}>
        {points.map((point, index) => {
          const h = (point.value / max) * height;
          return (
            <g key={point.label}>
              <rect x={index * bar + 2} y={height - h} width={Math.max(bar - 4, 1)} height={h} className="bar"><title>{`${point.label}: ${format(point.value)}`}</title></rect>
              {(points.length <= 10 || index % Math.ceil(points.length / 10) === 0) && <text x={index * bar + bar / 2} y={height + 16} textAnchor="middle">{point.label}</text>}
            </g>
          );
        })}
      </svg>
      <figcaption>{title} (highest {format(max)})</figcaption>
    </figure>
  );
}
