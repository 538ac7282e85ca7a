// Polaris Viz's spark line: Shopify's own chart components, in the admin's colours and type. Loaded on
// its own (React.lazy in TrendChart) because it measures the DOM as it renders, so it can't render on
// the server, and the page's first paint needn't wait for it.
import { PolarisVizProvider, SparkLineChart } from "@shopify/polaris-viz";
import "@shopify/polaris-viz/build/esm/styles.css";

export default function SparkLine({ values, days }: { values: number[]; days: string[] }) {
  const data = [
    { name: "Per day", data: values.map((value, index) => ({ key: days[index] ?? String(index), value })) },
  ];
  return (
    <PolarisVizProvider>
      <SparkLineChart data={data} isAnimated={false} />
    </PolarisVizProvider>
  );
}
