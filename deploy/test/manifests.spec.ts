import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Deployment, IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import { INetworkPolicy, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { IPodDisruptionBudget, PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap, IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { IService, Service } from 'kubernetes-models/v1/Service';
import { parseAllDocuments } from 'yaml';

import { SERVER_CONFIG_BOUNDS } from '@mcp-fleet/shared/contracts';

/**
 * The OpenAPI release that kubernetes-models 4.5.1 (pinned in package.json) is generated from,
 * per its changelog. Its 5.x line (v1.36) is ESM-only and needs Node 22.
 */
const KUBERNETES = 'v1.33.0';

const DIR = join(__dirname, '..', 'kubernetes');
const EXAMPLE_SECRET = 'secret.example.yaml';

/** One constructor per kind these manifests use; any other kind fails the test. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
};

/** Cluster-scoped kinds among them: kustomize gives every other object the namespace. */
const CLUSTER_SCOPED = new Set(['Namespace']);

/** The stop sequence's wait after closing stdin (docs/lifecycle.md, "Stop sequence"). */
const EOF_GRACE_S = 1;
/** Writing the stops and handing the leases over (a bulk stop of 100 took 1.8 s, bench/results/lifecycle.md). */
const WRITE_ALLOWANCE_S = 5;

interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string; namespace?: string };
}

interface Manifest {
  file: string;
  source: string;
  object: KubeObject;
}

interface Kustomization {
  namespace: string;
  resources: string[];
  images: { name: string; newName: string; newTag: string }[];
}

function isKubeObject(value: unknown): value is KubeObject {
  const object = value as Partial<KubeObject> | null;
  return typeof object?.apiVersion === 'string' && typeof object.kind === 'string';
}

function parseYaml(text: string, source: string): unknown[] {
  return parseAllDocuments(text).map((document, index) => {
    if (document.errors.length > 0) {
      throw new Error(`${source} #${index}: ${document.errors.map((error) => error.message).join('; ')}`);
    }
    const value: unknown = document.toJS();
    return value;
  });
}

function parseManifests(text: string, source: string): Manifest[] {
  return parseYaml(text, source).map((value, index) => {
    if (!isKubeObject(value)) {
      throw new Error(`${source} #${index} has no apiVersion and kind`);
    }
    return { file: source, source: `${source} #${index} (${value.kind} ${value.metadata?.name ?? '?'})`, object: value };
  });
}

/** The schema's complaints, or undefined when the object is valid. */
function schemaErrors(object: KubeObject): string | undefined {
  const Model = MODELS[`${object.apiVersion}/${object.kind}`];
  if (!Model) {
    return `no schema for ${object.apiVersion} ${object.kind}`;
  }
  try {
    new Model(object as never).validate();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function only<T>(manifests: Manifest[], kind: string): T {
  const found = manifests.filter((manifest) => manifest.object.kind === kind);
  if (found.length !== 1) {
    throw new Error(`expected one ${kind}, found ${found.length}`);
  }
  return found[0].object as T;
}

/** Whether a non-empty matchLabels selects pods with these labels (an empty one selects every pod). */
function selects(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([key, value]) => labels?.[key] === value);
}

/** CPU in cores, memory in bytes: the forms these manifests use. */
function quantity(value: string | number | undefined): number {
  const match = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi)?$/.exec(String(value));
  if (!match) {
    throw new Error(`unsupported quantity ${String(value)}`);
  }
  const factors: Record<string, number> = { m: 1e-3, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30 };
  return Number(match[1]) * (match[2] ? factors[match[2]] : 1);
}

function findKustomize(): { label: string; build: () => string } | undefined {
  const candidates: [string, string[], string[]][] = [
    ['kustomize', ['version'], ['build', DIR]],
    ['kubectl', ['version', '--client'], ['kustomize', DIR]],
  ];
  for (const [file, probe, build] of candidates) {
    if (spawnSync(file, probe, { stdio: 'ignore', timeout: 20_000 }).status === 0) {
      return { label: `${file} ${build[0]}`, build: () => execFileSync(file, build, { encoding: 'utf8', timeout: 60_000 }) };
    }
  }
  return undefined;
}

const files = readdirSync(DIR)
  .filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml')
  .sort();
const manifests = files.flatMap((file) => parseManifests(readFileSync(join(DIR, file), 'utf8'), file));
const kustomization = parseYaml(readFileSync(join(DIR, 'kustomization.yaml'), 'utf8'), 'kustomization.yaml')[0] as Kustomization;

const deployment = only<IDeployment>(manifests, 'Deployment');
const podLabels = deployment.spec?.template.metadata?.labels;
const pod = deployment.spec?.template.spec;
const api = pod?.containers.find((container) => container.name === 'api');
const apiPort = api?.ports?.find((port) => port.name === 'http')?.containerPort;

describe(`deploy/kubernetes against the Kubernetes ${KUBERNETES} schemas`, () => {
  it('holds the kinds an operator applies, and nothing else', () => {
    expect(manifests.map((manifest) => manifest.object.kind).sort()).toEqual(
      ['ConfigMap', 'Deployment', 'Namespace', 'NetworkPolicy', 'PodDisruptionBudget', 'Secret', 'Service'].sort(),
    );
  });

  it.each(manifests.map((manifest) => [manifest.source, manifest.object] as const))('%s is valid', (_source, object) => {
    expect(schemaErrors(object)).toBeUndefined();
  });

  it(`lists every manifest in kustomization.yaml except ${EXAMPLE_SECRET}`, () => {
    expect([...kustomization.resources].sort()).toEqual(files.filter((file) => file !== EXAMPLE_SECRET));
  });
});

describe('what an operator relies on', () => {
  it('runs 3 replicas, adding one pod before removing one', () => {
    expect(deployment.spec?.replicas).toBe(3);
    expect(deployment.spec?.strategy?.rollingUpdate).toEqual({ maxUnavailable: 0, maxSurge: 1 });
  });

  it('selects its own pods from the Deployment, the Service, the PDB and the NetworkPolicy', () => {
    const service = only<IService>(manifests, 'Service');
    const pdb = only<IPodDisruptionBudget>(manifests, 'PodDisruptionBudget');
    const policy = only<INetworkPolicy>(manifests, 'NetworkPolicy');
    expect(selects(deployment.spec?.selector.matchLabels, podLabels)).toBe(true);
    expect(selects(service.spec?.selector, podLabels)).toBe(true);
    expect(selects(pdb.spec?.selector?.matchLabels, podLabels)).toBe(true);
    expect(pdb.spec?.maxUnavailable).toBe(1);
    expect(selects(policy.spec?.podSelector.matchLabels, podLabels)).toBe(true);
  });

  it('sends the Service to the API port, the port PORT names', () => {
    const service = only<IService>(manifests, 'Service');
    const config = only<IConfigMap>(manifests, 'ConfigMap');
    expect(apiPort).toBe(3000);
    expect(service.spec?.ports?.map((port) => port.targetPort)).toEqual(['http']);
    expect(Number(config.data?.['PORT'])).toBe(apiPort);
  });

  it('probes readiness on /ready and liveness and startup on /health', () => {
    expect(api?.readinessProbe?.httpGet).toMatchObject({ path: '/ready', port: 'http' });
    expect(api?.livenessProbe?.httpGet).toMatchObject({ path: '/health', port: 'http' });
    expect(api?.startupProbe?.httpGet).toMatchObject({ path: '/health', port: 'http' });
  });

  it('runs as non-root on a read-only root filesystem, without privilege escalation', () => {
    expect(pod?.securityContext?.runAsNonRoot).toBe(true);
    expect(api?.securityContext?.readOnlyRootFilesystem).toBe(true);
    expect(api?.securityContext?.allowPrivilegeEscalation).toBe(false);
    expect(api?.securityContext?.capabilities?.drop).toEqual(['ALL']);
  });

  it('spreads its pods over nodes', () => {
    const spread = pod?.topologySpreadConstraints ?? [];
    expect(
      spread.some(
        (constraint) => constraint.topologyKey === 'kubernetes.io/hostname' && selects(constraint.labelSelector?.matchLabels, podLabels),
      ),
    ).toBe(true);
  });

  it('gives a terminating pod longer than its stop sequence with the default killTimeoutMs', () => {
    const preStop = api?.lifecycle?.preStop?.exec?.command ?? [];
    expect(preStop[0]).toBe('sleep');
    const stopSequence = Number(preStop[1]) + EOF_GRACE_S + SERVER_CONFIG_BOUNDS.killTimeoutMs.default / 1000 + WRITE_ALLOWANCE_S;
    expect(pod?.terminationGracePeriodSeconds).toBeGreaterThan(stopSequence);
  });

  it('names each replica by its pod and advertises its pod IP, defined before it is used', () => {
    const env = api?.env ?? [];
    const names = env.map((variable) => variable.name);
    expect(env.find((variable) => variable.name === 'INSTANCE_ID')?.valueFrom?.fieldRef?.fieldPath).toBe('metadata.name');
    expect(env.find((variable) => variable.name === 'ADVERTISE_URL')?.value).toBe(`http://$(POD_IP):${apiPort}`);
    expect(names.indexOf('POD_IP')).toBeGreaterThanOrEqual(0);
    expect(names.indexOf('POD_IP')).toBeLessThan(names.indexOf('ADVERTISE_URL'));
  });

  it('refuses to start without DATABASE_URL rather than fall back to a per-pod database', () => {
    const databaseUrl = api?.env?.find((variable) => variable.name === 'DATABASE_URL')?.valueFrom?.secretKeyRef;
    expect(databaseUrl?.key).toBe('DATABASE_URL');
    expect(databaseUrl?.optional).not.toBe(true);
  });

  it('requests no more than its limits, and starts as many servers at once as it has CPUs', () => {
    const requests = api?.resources?.requests ?? {};
    const limits = api?.resources?.limits ?? {};
    for (const resource of ['cpu', 'memory']) {
      expect(quantity(requests[resource])).toBeGreaterThan(0);
      expect(quantity(requests[resource])).toBeLessThanOrEqual(quantity(limits[resource]));
    }
    const config = only<IConfigMap>(manifests, 'ConfigMap');
    expect(Number(config.data?.['BULK_CONCURRENCY'])).toBe(quantity(limits['cpu']));
  });

  it('lets in the API port only, and out PostgreSQL, DNS, the other replicas and HTTP(S)', () => {
    const policy = only<INetworkPolicy>(manifests, 'NetworkPolicy');
    const ports = (rule: { ports?: { port?: string | number; protocol?: string }[] }) =>
      (rule.ports ?? []).map((port) => `${port.protocol ?? 'TCP'}/${String(port.port)}`).sort();
    const fromApiPods = (peers: { podSelector?: { matchLabels?: Record<string, string> } }[] | undefined) =>
      (peers ?? []).some((peer) => selects(peer.podSelector?.matchLabels, podLabels));
    expect(policy.spec?.policyTypes).toEqual(expect.arrayContaining(['Ingress', 'Egress']));

    const ingress = policy.spec?.ingress ?? [];
    expect(ingress.every((rule) => ports(rule).length > 0 && ports(rule).every((port) => port === `TCP/${apiPort}`))).toBe(true);
    expect(ingress.some((rule) => rule.from === undefined)).toBe(true);
    expect(ingress.some((rule) => fromApiPods(rule.from))).toBe(true);

    const egress = policy.spec?.egress ?? [];
    expect(egress.every((rule) => ports(rule).length > 0)).toBe(true);
    const open = egress.filter((rule) => rule.to === undefined).flatMap(ports);
    expect(open).toEqual(expect.arrayContaining(['UDP/53', 'TCP/53', 'TCP/5432', 'TCP/443', 'TCP/80']));
    expect(egress.some((rule) => fromApiPods(rule.to) && ports(rule).includes(`TCP/${apiPort}`))).toBe(true);
  });
});

const kustomize = findKustomize();
const itWithKustomize = kustomize ? it : it.skip;
const via = kustomize ? `with ${kustomize.label}` : 'SKIPPED: neither kustomize nor kubectl is on PATH';

describe(`kustomize build of deploy/kubernetes (${via})`, () => {
  let built: Manifest[] | undefined;
  const build = (): Manifest[] => {
    if (!kustomize) {
      throw new Error('no kustomize');
    }
    built ??= parseManifests(kustomize.build(), 'kustomize build');
    return built;
  };

  itWithKustomize(`renders objects valid against the Kubernetes ${KUBERNETES} schemas`, () => {
    const invalid = build()
      .map((manifest) => [manifest.source, schemaErrors(manifest.object)])
      .filter(([, errors]) => errors !== undefined);
    expect(invalid).toEqual([]);
  });

  itWithKustomize('renders exactly the listed resources', () => {
    const listed = manifests.filter((manifest) => kustomization.resources.includes(manifest.file));
    const key = (manifest: Manifest) => `${manifest.object.kind}/${manifest.object.metadata?.name ?? '?'}`;
    expect(build().map(key).sort()).toEqual(listed.map(key).sort());
  });

  itWithKustomize(`puts every namespaced object in the namespace ${kustomization.namespace}`, () => {
    for (const { source, object } of build()) {
      const expected = CLUSTER_SCOPED.has(object.kind) ? undefined : kustomization.namespace;
      expect([source, object.metadata?.namespace]).toEqual([source, expected]);
    }
    expect(only<KubeObject>(build(), 'Namespace').metadata?.name).toBe(kustomization.namespace);
  });

  itWithKustomize('rewrites the image to the one kustomization.yaml names', () => {
    const [image] = kustomization.images;
    expect(api?.image).toBe(image.name);
    const rendered = only<IDeployment>(build(), 'Deployment');
    expect(rendered.spec?.template.spec?.containers.map((container) => container.image)).toEqual([`${image.newName}:${image.newTag}`]);
  });
});
