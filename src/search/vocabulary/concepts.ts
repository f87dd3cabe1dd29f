// Deal concepts: groups of words people use for the same thing ("called off" / "terminated" / "abandoned"). A question
// word in a group also matches the group's other words in deals, at a lower weight than itself. Curated by hand for
// deal write-ups (general English thesauri put "takeover" next to "coup" and "maker" next to "God"), in our own
// words. Multi-word entries are phrases. `status`/`type`: the group also matches deals with that stored status/type.
import type { DealStatus, DealType } from '../../deals/schema.ts';

export interface Concept {
  name: string;
  words: string[];
  status?: DealStatus;
  type?: DealType;
}

const g = (name: string, words: string, extra: Omit<Concept, 'name' | 'words'> = {}): Concept => ({
  name,
  words: words.split(',').map((w) => w.trim()).filter(Boolean),
  ...extra,
});

export const CONCEPTS: Concept[] = [
  g('acquire', 'acquire, acquired, acquires, acquiring, acquisition, acquisitions, takeover, take over, took over, buy, buys, bought, buying, buyer, purchase, purchased, purchases, buyout, bought out', { type: 'acquisition' }),
  g('merge', 'merge, merged, merger, mergers, combine, combined, combination', { type: 'merger' }),
  g('invest', 'invest, invested, investing, investment, investments, investor, stake, stakes, funding, funded, backing, backed, minority stake', { type: 'investment' }),
  g('sell', 'sell, sold, sells, sale, seller, divest, divested, divestiture, offload, spin off, spun off, carve out', { type: 'divestiture' }),
  g('settle', 'settle, settled, settlement, lawsuit, litigation, dispute, legal fight, court', { type: 'settlement' }),
  g('licence', 'license, licence, licensing, licensed, cross license, patent deal', { type: 'licensing' }),
  g('abandon', 'terminated, termination, terminate, abandoned, abandon, cancelled, canceled, cancel, scrapped, scrap, called off, call off, gave up, give up, given up, walked away, walk away, collapsed, fell through, dropped, blocked, withdrew, withdrawn, killed, failed, ended, break fee, termination fee', { status: 'terminated' }),
  g('complete', 'completed, complete, completion, closed, close, closing, finalised, finalized, went through', { status: 'completed' }),
  g('regulator', 'regulator, regulators, regulatory, antitrust, competition authority, competition, ftc, cma, european commission, approval, approvals, watchdog, watchdogs, national security'),
  g('maker', 'maker, makers, developer, developers, publisher, publishers, creator, creators, manufacturer, manufacturers, studio, studios, company behind, people behind, team behind, producer, producers, builder, builders, owner of'),
  g('own', 'owns, owner, owned, parent, parent company'),
  g('startup', 'startup, startups, start up, young company'),
  g('medical', 'doctors, doctor, physicians, physician, clinicians, clinician, clinical, medical, healthcare, health care, hospital, hospitals, patients, health'),
  g('health records', 'health records, medical records, electronic health records, patient records, ehr'),
  g('speech', 'dictation, speech, voice, transcription, speech recognition, voice recognition'),
  g('vr', 'vr, virtual reality, headset, headsets, vr headset'),
  g('ar', 'ar, augmented reality, mixed reality'),
  g('chip', 'chip, chips, chipmaker, chipmakers, semiconductor, semiconductors, chip design, chip designer, chip designers, microchip, microchips, fabless, processor, processors, silicon, gpu, gpus, graphics chip, graphics chips'),
  g('memory', 'memory, memory chips, nand, flash, flash memory, storage chips'),
  g('phone', 'phone, phones, smartphone, smartphones, handset, handsets, mobile phone, mobile phones, cellphone'),
  g('car', 'car, cars, automotive, vehicle, vehicles, automaker, automakers, carmaker, carmakers, car maker, auto'),
  g('ev', 'ev, evs, electric vehicle, electric vehicles, electric car, electric cars'),
  g('self-driving', 'self driving, driverless, autonomous driving, autonomous vehicles, robotaxi'),
  g('robot', 'robot, robots, robotics, robotic'),
  g('ai', 'ai, artificial intelligence, machine learning, generative ai, large language models, language models, llm, llms, chatbot, chatbots, deep learning, ai lab, ai startup'),
  g('cloud', 'cloud, cloud computing, hyperscaler, data center, data centers, datacenter'),
  g('game', 'game, games, gaming, video game, video games, videogame, gamer, esports, console, consoles'),
  g('mobile game', 'mobile game, mobile games, mobile gaming'),
  g('film', 'movie, movies, film, films, film studio, movie studio, hollywood, cinema, tv, television, entertainment, media, streaming service'),
  g('music', 'music, songs, song, audio, headphones, streaming music, music streaming'),
  g('video streaming', 'video streaming, live streaming, streaming video, streaming, livestream, livestreams, livestreaming, live stream, streamer, streamers'),
  g('social', 'social network, social networking, social media, social app'),
  g('messaging', 'messaging, messenger, chat, chat app, texting, voip'),
  g('ecommerce', 'e commerce, ecommerce, online shopping, online retail, online retailer, online marketplace, marketplace, retailer, retailers, retail, online store, online stores, shopping site, supermarket, supermarkets, supermarket chain, store chain, big box'),
  g('food delivery', 'food delivery, meal delivery, takeaway, takeout, restaurant delivery'),
  g('grocery', 'grocery, groceries, grocer, grocers, grocery store, grocery stores, grocery app, quick commerce, grocery delivery, instant delivery'),
  g('ride', 'ride hailing, ridehailing, ride sharing, rideshare, taxi, taxis, mobility'),
  g('design', 'design software, design tool, design tools, creative software, ui design'),
  g('developer tools', 'code hosting, developer tools, coding, programmers, source code, git'),
  g('security', 'security, cybersecurity, cyber security, cyber'),
  g('networking', 'networking, network equipment, telecom equipment, telecom gear, network gear, routers, switches'),
  g('telecom', 'telecom, telecoms, telecommunications, carrier, carriers, operator, mobile network, 5g'),
  g('communications', 'communications, comms, cloud communications, cpaas'),
  g('it services', 'it services, outsourcing, outsourcer, consultancy, consulting, software services, digital engineering'),
  g('enterprise software', 'enterprise software, business software, saas, software as a service'),
  g('patents', 'patent, patents, intellectual property, royalties, royalty'),
  g('wearables', 'wearable, wearables, smartwatch, smartwatches, fitness tracker, fitness trackers'),
  g('vacuum', 'vacuum, vacuums, robot vacuum, vacuum cleaner'),
  g('private equity', 'private equity, buyout firm, take private, take-private, pe firm'),
  g('china', 'china, chinese'),
  g('india', 'india, indian'),
  g('japan', 'japan, japanese'),
  g('korea', 'korea, korean, south korea'),
  g('us', 'us, usa, american, united states'),
  g('europe', 'europe, european, eu'),
];
