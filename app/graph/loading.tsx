export default function GraphLoading() {
  return (
    <p role="status" className="text-sm text-slate-500">
      Loading the graph…
    </p>
  );
}
