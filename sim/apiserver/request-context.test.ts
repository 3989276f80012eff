import { describe, expect, it } from "vitest";
import { writeOptionsOf } from "./request-context";

const url = (query: string) =>
  new URL(`https://127.0.0.1/apis/networking.istio.io/v1/namespaces/bookinfo/virtualservices${query}`);

describe("writeOptionsOf", () => {
  it("reads dryRun and fieldValidation as kubectl sends them", () => {
    expect(writeOptionsOf(url("?fieldManager=kubectl-client-side-apply&fieldValidation=Strict"))).toEqual({
      dryRun: false,
      fieldValidation: "Strict",
    });
    expect(writeOptionsOf(url("?dryRun=All&fieldValidation=Warn"))).toEqual({ dryRun: true, fieldValidation: "Warn" });
    expect(writeOptionsOf(url(""))).toEqual({ dryRun: false });
  });

  it("refuses a fieldValidation it does not know, naming the supported values", () => {
    expect(() => writeOptionsOf(url("?fieldValidation=strict"))).toThrow(
      'fieldValidation: Unsupported value: "strict": supported values: "Ignore", "Warn", "Strict"',
    );
  });
});
