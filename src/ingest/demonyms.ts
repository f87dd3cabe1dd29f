// Nationality and regional adjectives ("Canadian", "Swedish", "South Korean"): capitalised like names, and often right
// next to deal wording ("led by a Canadian pension fund", "takeover of Swedish flight seller Etraveli"), but they
// describe a company, never name one. General knowledge, not fitted to any article.
import { normaliseText } from '../deals/names.ts';

const NATIONALITIES = [
  'Afghan', 'Albanian', 'Algerian', 'American', 'Angolan', 'Argentine', 'Argentinian', 'Armenian', 'Australian', 'Austrian',
  'Azerbaijani', 'Bahraini', 'Bangladeshi', 'Belarusian', 'Belgian', 'Bolivian', 'Bosnian', 'Brazilian', 'British', 'Bulgarian',
  'Cambodian', 'Cameroonian', 'Canadian', 'Chilean', 'Chinese', 'Colombian', 'Congolese', 'Croatian', 'Cuban', 'Cypriot', 'Czech',
  'Danish', 'Dominican', 'Dutch', 'Ecuadorian', 'Egyptian', 'Emirati', 'English', 'Estonian', 'Ethiopian', 'Filipino', 'Finnish',
  'French', 'Georgian', 'German', 'Ghanaian', 'Greek', 'Guatemalan', 'Hungarian', 'Icelandic', 'Indian', 'Indonesian', 'Iranian',
  'Iraqi', 'Irish', 'Israeli', 'Italian', 'Ivorian', 'Jamaican', 'Japanese', 'Jordanian', 'Kazakh', 'Kenyan', 'Korean', 'Kuwaiti',
  'Latvian', 'Lebanese', 'Libyan', 'Lithuanian', 'Luxembourgish', 'Malaysian', 'Maltese', 'Mexican', 'Moldovan', 'Mongolian',
  'Moroccan', 'Nepalese', 'Nigerian', 'Norwegian', 'Omani', 'Pakistani', 'Palestinian', 'Panamanian', 'Paraguayan', 'Peruvian',
  'Polish', 'Portuguese', 'Qatari', 'Romanian', 'Russian', 'Rwandan', 'Saudi', 'Scottish', 'Senegalese', 'Serbian', 'Singaporean',
  'Slovak', 'Slovenian', 'Somali', 'Spanish', 'Sri Lankan', 'Sudanese', 'Swedish', 'Swiss', 'Syrian', 'Taiwanese', 'Tanzanian',
  'Thai', 'Tunisian', 'Turkish', 'Ugandan', 'Ukrainian', 'Uruguayan', 'Uzbek', 'Venezuelan', 'Vietnamese', 'Welsh', 'Yemeni',
  'Zambian', 'Zimbabwean',
];
const REGIONS = [
  'African', 'Arab', 'Asian', 'European', 'Latin', 'Nordic', 'Scandinavian', 'Baltic', 'Middle Eastern', 'Pan-European',
  'Western', 'Eastern', 'Northern', 'Southern', 'North', 'South', 'East', 'West', 'Central', 'Bavarian', 'Californian', 'Texan',
];
const NATION_KEYS = new Set(NATIONALITIES.map(normaliseText));
const KEYS = new Set([...NATIONALITIES, ...REGIONS].map(normaliseText));

/** True when every word of the name is a nationality or regional adjective: "Canadian", "South Korean". */
export function isDemonym(name: string): boolean {
  const key = normaliseText(name);
  if (!key) return false;
  if (KEYS.has(key)) return true;
  const words = key.split(' ');
  return words.length <= 3 && words.every((w) => KEYS.has(w));
}

/** "American Tower", "Canadian Solar": a nationality adjective opening a longer capitalised name that stands where a
 * party stands is a company's name, whatever a place tagger says (places rarely open with one: "British Columbia"). */
export function opensWithNationality(name: string): boolean {
  const words = normaliseText(name).split(' ');
  return words.length >= 2 && NATION_KEYS.has(words[0]!) && !words.slice(1).every((w) => KEYS.has(w));
}
