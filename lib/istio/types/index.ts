export * from "./common";
export * from "./networking";
export * from "./security";
