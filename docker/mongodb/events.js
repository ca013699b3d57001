// The events database of docker/compose.yml (mongosh runs it once, on the first start of the mongodb service):
// the embedded demo's click events (src/main/resources/demo/events-clicks.jsonl), in a collection with a
// $jsonSchema validator, from which Weft takes the fields and their types.
db = db.getSiblingDB("events");
db.createCollection("clicks", {
  validator: {
    $jsonSchema: {
      bsonType: "object",
      required: ["_id", "at", "page", "duration_ms", "tags"],
      properties: {
        _id: { bsonType: "objectId" },
        emp_no: { bsonType: ["int", "null"], description: "hr.employees.emp_no" },
        at: { bsonType: "date" },
        page: { bsonType: "string" },
        duration_ms: { bsonType: "int" },
        payload: {
          bsonType: "object",
          required: ["browser", "os", "screen"],
          properties: {
            browser: { bsonType: "string" },
            os: { bsonType: "string" },
            screen: { bsonType: "object", required: ["w", "h"], properties: { w: { bsonType: "int" }, h: { bsonType: "int" } } }
          }
        },
        tags: { bsonType: "array", items: { bsonType: "string" } }
      }
    }
  }
});
db.clicks.insertMany([
  {_id: ObjectId("6650a1c2e4b0a1b2c3d40001"), emp_no: NumberInt(10001), at: ISODate("2024-05-01T08:37:07.037Z"), page: "/products", duration_ms: NumberInt(4039), payload: {browser: "Chrome", os: "Windows", screen: {w: NumberInt(1366), h: NumberInt(768)}}, tags: ["returning"]},
  {_id: ObjectId("6650a1c2e4b0a1b2c3d40002"), emp_no: NumberInt(10001), at: ISODate("2024-05-01T09:14:14.074Z"), page: "/products/42", duration_ms: NumberInt(3958), payload: {browser: "Safari", os: "macOS", screen: {w: NumberInt(390), h: NumberInt(844)}}, tags: []},
  {_id: ObjectId("6650a1c2e4b0a1b2c3d40003"), emp_no: NumberInt(10001), at: ISODate("2024-05-01T09:51:21.111Z"), page: "/cart", duration_ms: NumberInt(3877), payload: {browser: "Chrome", os: "Android", screen: {w: NumberInt(2560), h: NumberInt(1440)}}, tags: ["campaign", "mobile"]},
  {_id: ObjectId("6650a1c2e4b0a1b2c3d40004"), emp_no: NumberInt(10002), at: ISODate("2024-05-01T10:28:28.148Z"), page: "/checkout", duration_ms: NumberInt(3796), payload: {browser: "Edge", os: "Windows", screen: {w: NumberInt(1920), h: NumberInt(1080)}}, tags: []},
  {_id: ObjectId("6650a1c2e4b0a1b2c3d40005"), emp_no: NumberInt(10002), at: ISODate("2024-05-01T11:05:35.185Z"), page: "/help", duration_ms: NumberInt(3715), payload: {browser: "Firefox", os: "Linux", screen: {w: NumberInt(1366), h: NumberInt(768)}}, tags: ["returning"]},
  {_id: ObjectId("6650a1c2e4b0a1b2c3d40006"), emp_no: NumberInt(10003), at: ISODate("2024-05-01T11:42:42.222Z"), page: "/search?q=weft", duration_ms: NumberInt(3634), tags: ["campaign"]},
  {_id: ObjectId("6650a1c2e4b0a1b2c3d40007"), emp_no: NumberInt(10004), at: ISODate("2024-05-01T12:19:49.259Z"), page: "/home", duration_ms: NumberInt(3553), payload: {browser: "Safari", os: "macOS", screen: {w: NumberInt(2560), h: NumberInt(1440)}}, tags: []},
  {_id: ObjectId("6650a1c2e4b0a1b2c3d40008"), emp_no: NumberInt(10004), at: ISODate("2024-05-01T12:56:56.296Z"), page: "/products", duration_ms: NumberInt(3472), payload: {browser: "Chrome", os: "Android", screen: {w: NumberInt(1920), h: NumberInt(1080)}}, tags: ["mobile"]},
  {_id: ObjectId("6650a1c2e4b0a1b2c3d40009"), emp_no: NumberInt(10004), at: ISODate("2024-05-01T13:34:03.333Z"), page: "/products/42", duration_ms: NumberInt(3391), payload: {browser: "Edge", os: "Windows", screen: {w: NumberInt(1366), h: NumberInt(768)}}, tags: ["campaign", "returning"]},
  {_id: ObjectId("6650a1c2e4b0a1b2c3d4000a"), emp_no: NumberInt(10004), at: ISODate("2024-05-01T14:11:10.370Z"), page: "/cart", duration_ms: NumberInt(3310), payload: {browser: "Firefox", os: "Linux", screen: {w: NumberInt(390), h: NumberInt(844)}}, tags: []},
  {_id: ObjectId("6650a1c2e4b0a1b2c3d4000b"), emp_no: NumberInt(10005), at: ISODate("2024-05-01T14:48:17.407Z"), page: "/checkout", duration_ms: NumberInt(3229), payload: {browser: "Chrome", os: "Windows", screen: {w: NumberInt(2560), h: NumberInt(1440)}}, tags: []},
  {_id: ObjectId("6650a1c2e4b0a1b2c3d4000c"), emp_no: NumberInt(10006), at: ISODate("2024-05-01T15:25:24.444Z"), page: "/help", duration_ms: NumberInt(3148), tags: ["campaign"]},
  {_id: ObjectId("6650a1c2e4b0a1b2c3d4000d"), emp_no: NumberInt(10007), at: ISODate("2024-05-01T16:02:31.481Z"), page: "/search?q=weft", duration_ms: NumberInt(3067), payload: {browser: "Chrome", os: "Android", screen: {w: NumberInt(1366), h: NumberInt(768)}}, tags: ["mobile", "returning"]},
  {_id: ObjectId("6650a1c2e4b0a1b2c3d4000e"), emp_no: NumberInt(10007), at: ISODate("2024-05-01T16:39:38.518Z"), page: "/home", duration_ms: NumberInt(2986), payload: {browser: "Edge", os: "Windows", screen: {w: NumberInt(390), h: NumberInt(844)}}, tags: []},
  {_id: ObjectId("6650a1c2e4b0a1b2c3d4000f"), emp_no: NumberInt(10008), at: ISODate("2024-05-01T17:16:45.555Z"), page: "/products", duration_ms: NumberInt(2905), payload: {browser: "Firefox", os: "Linux", screen: {w: NumberInt(2560), h: NumberInt(1440)}}, tags: ["campaign"]},
  {_id: ObjectId("6650a1c2e4b0a1b2c3d40010"), emp_no: NumberInt(10009), at: ISODate("2024-05-01T17:53:52.592Z"), page: "/products/42", duration_ms: NumberInt(2824), payload: {browser: "Chrome", os: "Windows", screen: {w: NumberInt(1920), h: NumberInt(1080)}}, tags: []},
  {_id: ObjectId("6650a1c2e4b0a1b2c3d40011"), emp_no: NumberInt(10010), at: ISODate("2024-05-01T18:30:59.629Z"), page: "/cart", duration_ms: NumberInt(2743), payload: {browser: "Safari", os: "macOS", screen: {w: NumberInt(1366), h: NumberInt(768)}}, tags: ["returning"]},
  {_id: ObjectId("6650a1c2e4b0a1b2c3d40012"), emp_no: NumberInt(10010), at: ISODate("2024-05-01T19:08:06.666Z"), page: "/checkout", duration_ms: NumberInt(2662), tags: ["campaign", "mobile"]},
  {_id: ObjectId("6650a1c2e4b0a1b2c3d40013"), emp_no: NumberInt(10012), at: ISODate("2024-05-01T19:45:13.703Z"), page: "/help", duration_ms: NumberInt(2581), payload: {browser: "Edge", os: "Windows", screen: {w: NumberInt(2560), h: NumberInt(1440)}}, tags: []},
  {_id: ObjectId("6650a1c2e4b0a1b2c3d40014"), emp_no: NumberInt(10015), at: ISODate("2024-05-01T20:22:20.740Z"), page: "/search?q=weft", duration_ms: NumberInt(2500), payload: {browser: "Firefox", os: "Linux", screen: {w: NumberInt(1920), h: NumberInt(1080)}}, tags: []},
  {_id: ObjectId("6650a1c2e4b0a1b2c3d40015"), emp_no: NumberInt(10016), at: ISODate("2024-05-01T20:59:27.777Z"), page: "/home", duration_ms: NumberInt(2419), payload: {browser: "Chrome", os: "Windows", screen: {w: NumberInt(1366), h: NumberInt(768)}}, tags: ["campaign", "returning"]},
  {_id: ObjectId("6650a1c2e4b0a1b2c3d40016"), emp_no: NumberInt(10016), at: ISODate("2024-05-01T21:36:34.814Z"), page: "/products", duration_ms: NumberInt(2338), payload: {browser: "Safari", os: "macOS", screen: {w: NumberInt(390), h: NumberInt(844)}}, tags: []},
  {_id: ObjectId("6650a1c2e4b0a1b2c3d40017"), emp_no: null, at: ISODate("2024-05-01T22:13:41.851Z"), page: "/products/42", duration_ms: NumberInt(2257), payload: {browser: "Chrome", os: "Android", screen: {w: NumberInt(2560), h: NumberInt(1440)}}, tags: ["mobile"]},
  {_id: ObjectId("6650a1c2e4b0a1b2c3d40018"), emp_no: NumberInt(10003), at: ISODate("2024-05-01T22:50:48.888Z"), page: "/cart", duration_ms: NumberInt(2176), tags: ["campaign"]}
]);
db.clicks.createIndex({ emp_no: 1 });
