import type { ja } from '../ja/public';
import type { Dictionary } from '../text';

/** `../ja/public.ts` in English: exactly its keys (a missing or an extra one is a type error). */
export const en: Dictionary<keyof typeof ja> = {
  'home.title': 'Welcome to renkei',
  'home.lead':
    'renkei lets the hospitals, clinics, pharmacies, visiting nurses and care providers in your area share your medical and care information, based on your consent.',
  'home.point.consent': 'Your information is shared only if you agree.',
  'home.point.free': 'Joining is free. You can stop at any time.',
  'home.point.safety':
    'It helps avoid duplicate or clashing medicines, and the right information reaches the emergency team.',
  'home.join':
    'To join, scan the QR code on a poster at a participating clinic or pharmacy, or ask for a paper form at its reception.',

  'networks.title': 'Networks you can join',
  'networks.loading': 'Loading…',
  'networks.empty': 'There are no networks to join at the moment. Please check again later.',
  'networks.facilities': 'Participating facilities: {count}',
  'networks.demo': 'Demo',
  'networks.demoNote':
    'Networks marked “Demo” are for practice only. They hold no real medical or care information.',
  'networks.retry': 'Try again',

  'poster.title': 'Print the poster',
  'poster.help':
    'It prints on one A4 sheet. Put it up where people will see it, such as the waiting room or reception.',
  'poster.print': 'Print',
  'poster.qrAlt': 'QR code to join {network}. It opens {url}.',
  'poster.qrFailed': 'The QR code could not be shown. Reload the page, then print again.',
  'poster.label': 'Poster',
  'poster.facility': '{name} takes part in this network',
  'poster.headline': 'Join from your phone in about 2 minutes',
  'poster.lead':
    'Your medication and allergy information, shared between the medical and care services you use',
  'poster.steps': 'How to join',
  'poster.step1': 'Scan the QR code',
  'poster.step2': 'Enter your insurance details and consent',
  'poster.step3': 'Set up sign-in on this phone',
  'poster.code': 'Code',
  'poster.typeUrl': 'If scanning fails, type this address',
  'poster.free': 'Joining is free',
  'poster.withdraw': 'You can withdraw at any time',
  'poster.consent': 'Shared only with your consent',
  'poster.ask': 'If anything is unclear, please ask at reception',

  'home.signIn.title': 'Already registered?',
  'home.signIn.link': 'Go to your page (sign in)',

  'notFound.title': 'Page not found',
  'notFound.body': 'We could not find this page. Check the address, or go back to the home page.',
  'notFound.home': 'Back to the home page',
};
