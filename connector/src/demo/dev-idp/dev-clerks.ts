/** The development provider's clerks (fictional people; password `dev` for all). Desks match the demo's bookings. */
export interface DevClerk {
  username: string;
  name: string;
  email: string;
  groups: string[];
}

export const DEV_PASSWORD = 'dev';

export const DEV_CLERKS: readonly DevClerk[] = [
  { username: 'mbeispiel', name: 'Max Beispiel', email: 'max.beispiel@amt.example', groups: ['buergeramt-mitte'] },
  { username: 'afischer', name: 'Anna Fischer', email: 'anna.fischer@amt.example', groups: ['buergeramt-mitte'] },
  { username: 'kschmidt', name: 'Kai Schmidt', email: 'kai.schmidt@amt.example', groups: ['kfz'] },
];

export const devClerk = (username: string): DevClerk | undefined => DEV_CLERKS.find((c) => c.username === username);
