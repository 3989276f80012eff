import { describe, expect, it } from "vitest";
import { requestExplanationUrl } from "@/lib/contracts/request-explanation";
import { explainHref, explanationRequest, parseExplainForm, writeExplainForm } from "./url-state";

describe("the request explainer's question in the URL", () => {
  it("reads back what it wrote, headers repeated and in order, keeping the top bar's selection", () => {
    const form = {
      namespace: "bookinfo",
      source: "productpage-v1",
      host: "reviews",
      port: "9080",
      method: "GET",
      path: "/reviews/0",
      headers: [
        { name: "end-user", value: "jason" },
        { name: "x-trace", value: "a:b" },
      ],
    };
    const params = writeExplainForm(form, new URLSearchParams("namespaces=bookinfo,shop&header=old:1"));
    expect(params.getAll("header")).toEqual(["end-user:jason", "x-trace:a:b"]);
    expect(params.get("namespaces")).toBe("bookinfo,shop");
    expect(parseExplainForm(params)).toEqual(form);
  });

  it("starts in the top bar's namespace when the link names none, with GET and /", () => {
    expect(parseExplainForm(new URLSearchParams("host=reviews"), "bookinfo")).toMatchObject({
      namespace: "bookinfo",
      host: "reviews",
      method: "GET",
      path: "/",
      headers: [],
    });
  });

  it("asks nothing until the caller and the host are known", () => {
    expect(
      explanationRequest(
        parseExplainForm(new URLSearchParams(explainHref({ namespace: "bookinfo", host: "reviews" }).split("?")[1])),
      ),
    ).toEqual({
      state: "incomplete",
    });
  });

  it("asks the API the contract's URL, with blank header rows dropped", () => {
    const request = explanationRequest({
      namespace: "bookinfo",
      source: "productpage-v1",
      host: "reviews",
      port: "",
      method: "get",
      path: "/reviews/0",
      headers: [
        { name: "End-User", value: "jason" },
        { name: " ", value: "" },
      ],
    });
    expect(request.state).toBe("ready");
    if (request.state !== "ready") return;
    expect(requestExplanationUrl(request.namespace, request.query)).toBe(
      "/api/namespaces/bookinfo/explain-request?sourceWorkload=productpage-v1&host=reviews&path=%2Freviews%2F0&method=GET&headers=end-user%3Ajason",
    );
  });

  it("puts the contract's message next to the field that is wrong", () => {
    const request = explanationRequest({
      namespace: "bookinfo",
      source: "productpage-v1",
      host: "reviews",
      port: "90800",
      method: "GET",
      path: "reviews",
      headers: [],
    });
    expect(request).toEqual({
      state: "invalid",
      errors: { port: "port is 1–65535", path: "the path starts with /" },
    });
  });
});
