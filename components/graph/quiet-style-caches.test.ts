import cytoscape from "cytoscape";
import { describe, expect, it } from "vitest";
import { buildStylesheet, palettes } from "./cy-stylesheet";
import { withQuietStyleCaches } from "./quiet-style-caches";

/** Two namespaces, app boxes with versions, calls across boxes, one hidden node and one hidden box. */
const elements: cytoscape.ElementDefinition[] = [
  { data: { id: "ns:a" }, classes: "box namespace-box" },
  { data: { id: "ns:b" }, classes: "box namespace-box" },
  { data: { id: "box:reviews", parent: "ns:a", label: "reviews" }, classes: "box" },
  { data: { id: "box:ratings", parent: "ns:b", label: "ratings" }, classes: "box hidden" },
  { data: { id: "productpage", parent: "ns:a", label: "productpage", shape: "ellipse" }, position: { x: 0, y: 0 } },
  { data: { id: "reviews-v1", parent: "box:reviews", label: "v1" }, position: { x: 200, y: 0 } },
  { data: { id: "reviews-v2", parent: "box:reviews", label: "v2" }, position: { x: 200, y: 90 }, classes: "found" },
  { data: { id: "ratings-v1", parent: "box:ratings", label: "v1" }, position: { x: 400, y: 0 } },
  { data: { id: "details", parent: "ns:b", label: "details" }, position: { x: 400, y: 200 }, classes: "hidden" },
  { data: { id: "e1", source: "productpage", target: "reviews-v1", label: "12 rps", colour: "#0f0" } },
  { data: { id: "e2", source: "productpage", target: "reviews-v2", label: "3 rps", colour: "#f00" } },
  { data: { id: "e3", source: "reviews-v2", target: "ratings-v1", colour: "#00f" }, classes: "idle" },
  { data: { id: "e4", source: "productpage", target: "details", colour: "#00f" } },
];

/** What a user would see of each element: its resolved style, where it is, whether it is drawn. */
function picture(cy: cytoscape.Core) {
  return cy.elements().map((el) => ({
    id: el.id(),
    style: el.style(),
    box: el.boundingBox(),
    visible: el.visible(),
  }));
}

function firstDraw(quiet: boolean) {
  const cy = cytoscape({ headless: true, styleEnabled: true, style: buildStylesheet(palettes.light) });
  const draw = () => {
    cy.batch(() => cy.add(elements));
    cy.fit(undefined, 30);
  };
  const result = quiet ? withQuietStyleCaches(cy, draw) : (draw(), { quiet: false });
  return { cy, ...result };
}

describe("withQuietStyleCaches", () => {
  it("takes the quiet path with the Cytoscape this console pins (an upgrade that renames its triggers fails here)", () => {
    const { cy, quiet } = firstDraw(true);
    expect(quiet).toBe(true);
    // Cytoscape's own triggers are back afterwards.
    expect(Object.hasOwn(cy.style(), "checkTriggers")).toBe(false);
  });

  it("draws a new compound graph exactly as Cytoscape's own triggers do", () => {
    const plain = picture(firstDraw(false).cy);
    const quiet = picture(firstDraw(true).cy);
    expect(quiet).toEqual(plain);
    // The comparison means something: boxes are hidden with what they contain, and boxes wrap their children.
    const byId = new Map(quiet.map((p) => [p.id, p]));
    expect(byId.get("ratings-v1")?.visible).toBe(false);
    expect(byId.get("e3")?.visible).toBe(false);
    expect(byId.get("reviews-v2")?.visible).toBe(true);
    expect(byId.get("box:reviews")?.box.h).toBeGreaterThan(90);
  });

  it("leaves later changes to Cytoscape's triggers: hiding a box after the first draw hides what it contains", () => {
    const { cy } = firstDraw(true);
    // Cytoscape restyles lazily: a frame reads every element's style before asking what is visible.
    const nextFrame = () => cy.elements().forEach((el) => void el.style("display"));
    expect(cy.getElementById("reviews-v1").visible()).toBe(true);
    cy.getElementById("box:reviews").addClass("hidden");
    nextFrame();
    expect(cy.getElementById("reviews-v1").visible()).toBe(false);
    expect(cy.getElementById("e1").visible()).toBe(false);
    cy.getElementById("box:ratings").removeClass("hidden");
    nextFrame();
    expect(cy.getElementById("ratings-v1").visible()).toBe(true);
  });
});
