/**
 * Runs a program written the way any team writes one (raw `@pulumi/aws`, its own components,
 * explicit providers with default tags) under the recording mock runtime in preview mode, and
 * turns what it registered into the resources a policy sees, as the engine would send them.
 */
import { toAnalyzerProperties } from "../../preview/policy/serialize";
import type { RecordedResource } from "../../preview/types";
import { settled, useMocks } from "./mocks";
import type { ResourceFixture } from "./policy-harness";

function providerReference(resource: RecordedResource): string | undefined {
  if (resource.provider === undefined) return undefined;
  const at = resource.provider.lastIndexOf("::");
  return at < 0 ? resource.provider : resource.provider.slice(0, at);
}

/** The fixtures of every custom resource and component the program registered. */
export async function previewProgram(
  program: () => void | Promise<void>,
  options: { readonly config?: Record<string, unknown> } = {},
): Promise<ResourceFixture[]> {
  const mocks = await useMocks({ preview: true, project: "team", stack: "dev", ...options });
  await program();
  await settled();
  const all = [...mocks.resources];
  const byUrn = new Map(all.map((resource) => [resource.urn, resource]));
  return all
    .filter((resource) => resource.type !== "pulumi:pulumi:Stack")
    .map((resource) => {
      const providerUrn = providerReference(resource);
      const provider = providerUrn === undefined ? undefined : byUrn.get(providerUrn);
      return {
        type: resource.type,
        name: resource.name,
        urn: resource.urn,
        props: toAnalyzerProperties(resource.inputs),
        protect: resource.protect,
        ...(resource.parent === undefined ? {} : { parent: resource.parent }),
        ...(provider === undefined
          ? {}
          : {
              provider: {
                name: provider.name,
                urn: provider.urn,
                props: toAnalyzerProperties(provider.inputs),
              },
            }),
        dependencies: resource.dependencies,
        propertyDependencies: resource.propertyDependencies,
      };
    });
}

/** The fixture of the registered resource with this type and name. */
export function named(
  fixtures: readonly ResourceFixture[],
  type: string,
  name: string,
): ResourceFixture {
  const found = fixtures.find((fixture) => fixture.type === type && fixture.name === name);
  if (found === undefined) throw new Error(`the program registered no ${type} "${name}"`);
  return found;
}
