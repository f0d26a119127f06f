import type { ComponentType } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { Layout } from './components/Layout';
import { EntryLanding } from './pages/register/EntryLanding';
import { Home } from './pages/public/Home';
import { NotFound } from './pages/public/NotFound';
import { actingFor } from './lib/acting-for';
import { currentPath, matchRoute, type Params } from './router';
import { lang } from './i18n';
import { lazyComponent, lazyScreen, type LazyScreen, type Screen } from './lib/lazy';
import { CONTENT_SHOWN } from './lib/page';

/**
 * A screen that shows the signed-in pages' text (`i18n/resident.ts`): fetched together with that
 * text in the language shown, so that it does not open in Japanese and then change. Without the
 * network, it shows in Japanese rather than not at all.
 */
function residentScreen(importer: () => Promise<Screen>): LazyScreen {
  return lazyScreen(() => Promise.all([importer(), residentText()]).then(([screen]) => screen));
}

const residentText = (): Promise<void> =>
  import('./i18n/resident').then((m) => m.loadResidentLang(lang.value).catch(() => {}));

/**
 * The reception console's frame, fetched with the console's text (and its English, when English
 * is shown) the first time a console page is shown: a resident's phone never downloads them.
 */
const StaffLayout = lazyComponent(() =>
  import('./components/StaffLayout').then(async (m) => {
    // Without the network, the console shows in Japanese rather than not at all.
    await m.loadStaffLang(lang.value).catch(() => {});
    // Its screens show a person's records with the signed-in pages' words.
    await residentText();
    return m.StaffLayout;
  }),
);

/** The access record's page, with its own text (and its English, when English is shown). */
const AccessRecord = lazyScreen(() =>
  import('./pages/me/AccessRecord').then(async (m) => {
    await Promise.all([m.loadAccessLang(lang.value).catch(() => {}), residentText()]);
    return m.AccessRecord;
  }),
);
const ConsentJoin = residentScreen(() =>
  import('./pages/me/ConsentJoin').then((m) => m.ConsentJoin),
);
const Consents = residentScreen(() => import('./pages/me/Consents').then((m) => m.Consents));
const ConsentVersion = residentScreen(() =>
  import('./pages/me/ConsentVersion').then((m) => m.ConsentVersion),
);
const ConsentWithdraw = residentScreen(() =>
  import('./pages/me/ConsentWithdraw').then((m) => m.ConsentWithdraw),
);
const EmergencyCard = residentScreen(() =>
  import('./pages/me/EmergencyCard').then((m) => m.EmergencyCard),
);
const EraseData = residentScreen(() => import('./pages/me/EraseData').then((m) => m.EraseData));
const Me = residentScreen(() => import('./pages/me/Me').then((m) => m.Me));
const Insurance = residentScreen(() => import('./pages/me/Insurance').then((m) => m.Insurance));
const AddInsurance = residentScreen(() =>
  import('./pages/me/Insurance').then((m) => m.AddInsurance),
);
const MyData = residentScreen(() => import('./pages/me/MyData').then((m) => m.MyData));
const Poster = lazyScreen(() => import('./pages/public/Poster').then((m) => m.Poster));
const PrintSummary = residentScreen(() =>
  import('./pages/me/PrintSummary').then((m) => m.PrintSummary),
);
const Recover = lazyScreen(() => import('./pages/account/Recover').then((m) => m.Recover));
const RegisterConfirm = lazyScreen(() =>
  import('./pages/register/RegisterConfirm').then((m) => m.RegisterConfirm),
);
const RegisterDetails = lazyScreen(() =>
  import('./pages/register/RegisterDetails').then((m) => m.RegisterDetails),
);
const RegisterDone = residentScreen(() =>
  import('./pages/register/RegisterDone').then((m) => m.RegisterDone),
);
const RegisterPerson = residentScreen(() =>
  import('./pages/family/RegisterPerson').then((m) => m.RegisterPerson),
);
const Proxies = residentScreen(() => import('./pages/family/Proxies').then((m) => m.Proxies));
const Invite = residentScreen(() => import('./pages/family/Invite').then((m) => m.Invite));
const Claim = residentScreen(() => import('./pages/family/Claim').then((m) => m.Claim));
const SignIn = lazyScreen(() => import('./pages/account/SignIn').then((m) => m.SignIn));
const PaperForm = lazyScreen(() => import('./pages/staff/PaperForm').then((m) => m.PaperForm));
const StaffClaimSheet = lazyScreen(() =>
  import('./pages/staff/StaffClaimSheet').then((m) => m.StaffClaimSheet),
);
const StaffEnrol = lazyScreen(() => import('./pages/staff/StaffEnrol').then((m) => m.StaffEnrol));
const StaffEntries = lazyScreen(() =>
  import('./pages/staff/StaffEntries').then((m) => m.StaffEntries),
);
const StaffEntry = lazyScreen(() => import('./pages/staff/StaffEntry').then((m) => m.StaffEntry));
const StaffInsurance = lazyScreen(() =>
  import('./pages/staff/StaffInsurance').then((m) => m.StaffInsurance),
);
const StaffProxyConfirmation = lazyScreen(() =>
  import('./pages/staff/StaffProxyConfirmation').then((m) => m.StaffProxyConfirmation),
);
const StaffNew = lazyScreen(() => import('./pages/staff/StaffNew').then((m) => m.StaffNew));
const StaffPresentation = lazyScreen(() =>
  import('./pages/staff/StaffPresentation').then((m) => m.StaffPresentation),
);
const StaffRecords = lazyScreen(() =>
  import('./pages/staff/StaffRecords').then((m) => m.StaffRecords),
);
const StaffSignIn = lazyScreen(() =>
  import('./pages/staff/StaffSignIn').then((m) => m.StaffSignIn),
);
const StaffWithdrawal = lazyScreen(() =>
  import('./pages/staff/StaffWithdrawal').then((m) => m.StaffWithdrawal),
);

/**
 * The screens of the app. Later screens (proxy, reception) are added here; the first pattern
 * that matches wins.
 */
/**
 * Which frame a screen is shown in: the resident app's (the default), the reception console's
 * with a signed-in staff member (`staff`), or the console's without one (`staff-public`).
 */
export type Frame = 'resident' | 'staff' | 'staff-public';

export const routes: ReadonlyArray<{
  path: string;
  component: ComponentType<{ params: Params }>;
  frame?: Frame;
}> = [
  { path: '/', component: Home },
  // What a poster's QR code opens (`{public URL}/r/{code}`, the code without hyphens).
  { path: '/r/:code', component: EntryLanding },
  // The registration that starts there: details, email code and passkey, done.
  { path: '/r/:code/details', component: RegisterDetails },
  { path: '/r/:code/confirm', component: RegisterConfirm },
  { path: '/r/:code/done', component: RegisterDone },
  // The signed-in person's own page, signing in, and getting back in without the old phone.
  { path: '/me', component: Me },
  // The emergency card (with its opt-in offline copy) and the summary laid out for paper.
  { path: '/me/card', component: EmergencyCard },
  { path: '/me/print', component: PrintSummary },
  // The person's insurance over time, and adding a new one (a new job, 後期高齢者医療 at 75).
  { path: '/me/insurance', component: Insurance },
  { path: '/me/insurance/new', component: AddInsurance },
  // Consents: each network's state and the history; joining (again) or renewing after a new
  // document version; withdrawing; any version of a document as it was shown.
  { path: '/me/consents', component: Consents },
  { path: '/me/consents/:network/join', component: ConsentJoin },
  { path: '/me/consents/:network/withdraw', component: ConsentWithdraw },
  { path: '/me/consents/:network/versions/:version', component: ConsentVersion },
  // The person's own data: download, correction requests, erasure after withdrawing.
  { path: '/me/data', component: MyData },
  { path: '/me/data/erase', component: EraseData },
  // Who has looked at the person's information, and the facilities that may look now.
  { path: '/me/access', component: AccessRecord },
  // Family proxies: registering a family member to act for.
  { path: '/me/people/new', component: RegisterPerson },
  // The person's own proxies and invitations; accepting an invitation (code in the fragment);
  // a person registered by family starting to sign in themselves (code in the fragment).
  { path: '/me/proxies', component: Proxies },
  { path: '/invite', component: Invite },
  { path: '/claim', component: Claim },
  { path: '/sign-in', component: SignIn },
  { path: '/recover', component: Recover },
  // The printable A4 poster of an entry point.
  { path: '/poster/:code', component: Poster },
  // The facility console: staff sign-in and enrolment, the blank paper form, entering paper
  // registrations and withdrawals, the facility's entries, corrections and claim sheets.
  { path: '/staff', component: StaffSignIn, frame: 'staff-public' },
  { path: '/staff/enrol', component: StaffEnrol, frame: 'staff-public' },
  { path: '/paper-form', component: PaperForm, frame: 'staff-public' },
  { path: '/staff/new', component: StaffNew, frame: 'staff' },
  { path: '/staff/withdrawal', component: StaffWithdrawal, frame: 'staff' },
  { path: '/staff/entries', component: StaffEntries, frame: 'staff' },
  { path: '/staff/entries/:id', component: StaffEntry, frame: 'staff' },
  { path: '/staff/entries/:id/claim-sheet', component: StaffClaimSheet, frame: 'staff' },
  // Facilities looking: clinical staff open a person's shared record (or, in an emergency,
  // without a care relationship); reception records that a person presented at the desk.
  { path: '/staff/records', component: StaffRecords, frame: 'staff' },
  { path: '/staff/presentations', component: StaffPresentation, frame: 'staff' },
  // Reception adds a new insurance for the person at the desk.
  { path: '/staff/insurance', component: StaffInsurance, frame: 'staff' },
  // Reception confirms a proxy link, both people at the desk.
  { path: '/staff/proxy-confirmation', component: StaffProxyConfirmation, frame: 'staff' },
];

/**
 * The screen a person opens next from each step of the registration, fetched while they read and
 * type: on a slow network each step then opens at once instead of after another download.
 */
const NEXT_SCREENS: ReadonlyArray<readonly [string, LazyScreen]> = [
  ['/r/:code', RegisterDetails],
  ['/r/:code/details', RegisterConfirm],
  ['/r/:code/confirm', RegisterDone],
  ['/r/:code/done', Me],
];

const STARTS_READING = ['scroll', 'pointerdown', 'keydown'] as const;

/**
 * Fetches the screen likely to come after `path` once this one is on the screen: on a page's
 * first load, when the screen says its content is shown (`contentShown`; or three seconds after
 * the page has loaded, for a screen that does not say), so that the next screen's code does not
 * compete with this one's; on later screens at once; and sooner whenever the person starts on the
 * page (scrolls, touches or types). Someone who taps on without reading then finds the next
 * screen there.
 */
let firstScreen = true;

function fetchNextScreen(path: string): () => void {
  const next = NEXT_SCREENS.find(([pattern]) => matchRoute(pattern, path))?.[1];
  if (!next) return () => {};
  let cancelled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fetchIt = () => {
    stop();
    if (!cancelled) next.load().catch(() => {}); // fetched again when shown
  };
  const loaded = () => {
    timer = setTimeout(fetchIt, 3000);
  };
  const stop = () => {
    for (const type of STARTS_READING) window.removeEventListener(type, fetchIt, true);
    window.removeEventListener(CONTENT_SHOWN, fetchIt);
    window.removeEventListener('load', loaded);
    clearTimeout(timer);
  };
  for (const type of STARTS_READING) {
    window.addEventListener(type, fetchIt, { capture: true, passive: true });
  }
  if (!firstScreen) {
    fetchIt();
  } else {
    firstScreen = false;
    window.addEventListener(CONTENT_SHOWN, fetchIt, { once: true });
    if (document.readyState === 'complete') loaded();
    else window.addEventListener('load', loaded, { once: true });
  }
  return () => {
    cancelled = true;
    stop();
  };
}

/** Fetches every screen's code, and the console's frame, at once (tests). */
export function loadAllScreens(): Promise<unknown> {
  return Promise.all([
    StaffLayout.load(),
    ...routes
      .map((r) => (r.component as Partial<LazyScreen>).load?.())
      .filter((p) => p !== undefined),
  ]);
}

export function resolve(path: string): {
  component: ComponentType<{ params: Params }>;
  params: Params;
  frame?: Frame;
} {
  for (const route of routes) {
    const params = matchRoute(route.path, path);
    if (params)
      return { component: route.component, params, ...(route.frame ? { frame: route.frame } : {}) };
  }
  return { component: NotFound, params: {} };
}

export function App() {
  const path = currentPath.value;
  const { component: Screen, params, frame } = resolve(path);
  // Starting or stopping acting for someone shows the same address for another person: a new
  // screen, loaded afresh.
  const whose = actingFor.value?.linkId ?? '';
  const firstRender = useRef(true);

  // After an in-app navigation, move focus to the new page's heading so screen readers
  // announce it (not on the first load: the browser handles that).
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [path]);
  useEffect(() => fetchNextScreen(path), [path]);

  if (frame && frame !== 'resident') {
    return (
      <StaffLayout session={frame === 'staff'}>
        <Screen key={path} params={params} />
      </StaffLayout>
    );
  }
  return (
    <Layout>
      <Screen key={`${path} ${whose}`} params={params} />
    </Layout>
  );
}
