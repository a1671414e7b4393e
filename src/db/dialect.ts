/** The two engines Khabar runs on. */
export type Dialect = 'sqlite' | 'postgres';
