import { afterEach, describe, expect, it } from "vitest";
import { setQueryScope } from "./query-scope";
import {
  divide,
  escapeLabelValue,
  escapeRegex,
  histogramQuantile,
  selector,
  sumRate,
  sumRateUnion,
  withLabel,
} from "./promql";

describe("selector", () => {
  afterEach(() => setQueryScope([]));

  it("writes a bare metric when there are no matchers", () => {
    expect(selector("istio_requests_total")).toBe("istio_requests_total");
  });

  it("joins matchers in order", () => {
    expect(
      selector("istio_requests_total", [
        { label: "reporter", op: "=", value: "destination" },
        { label: "destination_workload_namespace", op: "=~", value: "bookinfo|default" },
      ]),
    ).toBe('istio_requests_total{reporter="destination",destination_workload_namespace=~"bookinfo|default"}');
  });

  it("escapes quotes and backslashes so a value cannot close the string", () => {
    expect(selector("up", [{ label: "job", op: "=", value: 'a"} or vector(1) #\\' }])).toBe(
      'up{job="a\\"} or vector(1) #\\\\"}',
    );
  });

  it("adds the query scope to every selector, escaped like any value", () => {
    setQueryScope([{ label: "mesh_id", op: "=", value: 'mesh"1' }]);
    expect(selector("istio_requests_total", [{ label: "reporter", op: "=", value: "source" }])).toBe(
      'istio_requests_total{reporter="source",mesh_id="mesh\\"1"}',
    );
    expect(sumRate(selector("up"), 60)).toBe('sum(rate(up{mesh_id="mesh\\"1"}[60s]))');
  });

  it("refuses label and metric names that are not PromQL identifiers", () => {
    expect(() => selector("up", [{ label: "a-b", op: "=", value: "x" }])).toThrow(/label name/);
    expect(() => selector("up{x}", [])).toThrow(/metric name/);
  });
});

describe("escaping", () => {
  it("escapes newlines in label values", () => {
    expect(escapeLabelValue("a\nb")).toBe("a\\nb");
  });
  it("escapes regex metacharacters for literal matches", () => {
    expect(escapeRegex("reviews.bookinfo.svc")).toBe("reviews\\.bookinfo\\.svc");
  });
});

describe("aggregation builders", () => {
  it("sums the rate of the series any of several selectors picks", () => {
    expect(sumRateUnion(['m{a="b"}', 'm{c="d"}'], 60, ["x"])).toBe(
      'sum(rate(m{a="b"}[60s]) or rate(m{c="d"}[60s])) by (x)',
    );
    expect(sumRateUnion(["m"], 30)).toBe(sumRate("m", 30));
    expect(() => sumRateUnion([], 30)).toThrow(/at least one/);
  });

  it("sums a rate over a window, grouped", () => {
    expect(sumRate('m{a="b"}', 300, ["x", "y"])).toBe('sum(rate(m{a="b"}[300s])) by (x,y)');
    expect(sumRate("m", 30)).toBe("sum(rate(m[30s]))");
  });
  it("puts le first in a quantile's grouping", () => {
    expect(histogramQuantile(0.95, "h_bucket", 60, ["x"])).toBe(
      "histogram_quantile(0.95, sum(rate(h_bucket[60s])) by (le,x))",
    );
  });
  it("refuses bad windows and label names", () => {
    expect(() => sumRate("m", 0)).toThrow(/window/);
    expect(() => sumRate("m", 30, ["a b"])).toThrow(/label name/);
  });
  it("divides two expressions", () => {
    expect(divide("a", "b")).toBe("(a) / (b)");
  });
  it("tags an expression's series with a label, its value escaped", () => {
    expect(withLabel("sum(m) by (x)", "traffic", 'tc"p')).toBe(
      'label_replace(sum(m) by (x), "traffic", "tc\\"p", "", "")',
    );
    expect(() => withLabel("m", "a b", "x")).toThrow(/label name/);
  });
});
