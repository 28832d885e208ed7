import http from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { postComment } from "~/modules/discussion/discussion.server.ts";
import { createConsultation, createMunicipality } from "../../../tests/factories.ts";
import { citizen, commentForm } from "../../../tests/discussion-factories.ts";
import { attachRealtime, type RealtimeServer } from "./socket.server.ts";
import type { CatchUp, ClientToServerEvents, SequencedEvent, ServerToClientEvents } from "./events.ts";

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

let server: http.Server;
let io: RealtimeServer;
let detach: () => void;
let url: string;
const clients: Client[] = [];

beforeAll(async () => {
  server = http.createServer();
  io = new Server(server);
  detach = attachRealtime(io);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  clients.forEach((c) => c.close());
  detach();
  await new Promise((resolve) => io.close(resolve));
});

function client(): Client {
  const c: Client = connect(url, { transports: ["websocket"], forceNew: true, reconnection: false });
  clients.push(c);
  return c;
}

function join(c: Client, consultationId: string, afterSeq: number) {
  return new Promise<CatchUp>((resolve) => c.emit("consultation:join", { consultationId, afterSeq }, resolve));
}

function nextEvent(c: Client) {
  return new Promise<SequencedEvent>((resolve) => c.once("consultation:event", resolve));
}

describe("realtime over real socket.io connections", () => {
  it("a comment reaches every reader in the consultation's room with its sequence number", async () => {
    const m = await createMunicipality();
    const c = await createConsultation(m.id);
    const readers = [client(), client(), client()];
    for (const r of readers) await join(r, c.id, 0);
    const received = Promise.all(readers.map(nextEvent));
    await postComment(c.id, commentForm({ body: "Hej fra testen" }), await citizen());
    const events = await received;
    for (const e of events) expect(e).toMatchObject({ seq: 1, type: "comment.upsert", comment: { body: "Hej fra testen" } });
  });

  it("readers of another consultation hear nothing", async () => {
    const m = await createMunicipality();
    const [a, b] = [await createConsultation(m.id), await createConsultation(m.id)];
    const reader = client();
    await join(reader, b.id, 0);
    let heard = 0;
    reader.on("consultation:event", () => heard++);
    await postComment(a.id, commentForm(), await citizen());
    const probe = nextEvent(reader);
    await postComment(b.id, commentForm(), await citizen());
    expect((await probe).consultationId).toBe(b.id);
    expect(heard).toBe(1);
  });

  it("a reader that was disconnected gets what it missed when it joins again", async () => {
    const m = await createMunicipality();
    const c = await createConsultation(m.id);
    const first = client();
    await join(first, c.id, 0);
    const got = nextEvent(first);
    await postComment(c.id, commentForm({ body: "før" }), await citizen());
    const lastSeen = (await got).seq;
    first.close();
    await postComment(c.id, commentForm({ body: "mens du var væk 1" }), await citizen());
    await postComment(c.id, commentForm({ body: "mens du var væk 2" }), await citizen());
    const again = client();
    const catchUp = await join(again, c.id, lastSeen);
    expect(catchUp.complete).toBe(true);
    expect(catchUp.events.map((e) => (e.type === "comment.upsert" ? e.comment.body : e.type))).toEqual(["mens du var væk 1", "mens du var væk 2"]);
  });

  it("malformed payloads are ignored and the connection keeps working", async () => {
    const m = await createMunicipality();
    const c = await createConsultation(m.id);
    const rude = client() as unknown as { emit: (...args: unknown[]) => void };
    rude.emit("consultation:join", null);
    rude.emit("consultation:join", { consultationId: "'; DROP TABLE Comment; --", afterSeq: "x" });
    rude.emit("consultation:join", { consultationId: 42 }, "not a function");
    rude.emit("consultation:leave", { evil: true });
    const catchUp = await join(rude as unknown as Client, c.id, Number.NaN);
    expect(catchUp).toEqual({ events: [], lastSeq: 0, complete: true });
  });
});
