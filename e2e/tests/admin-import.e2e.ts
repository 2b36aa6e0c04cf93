// Bulk import as an admin meets it: from the Users page to Import, a small OneRoster zip (built
// here, with one bad row) is checked first and the problem is listed by file, row and column;
// the import then runs with a progress bar, ends with a summary, and the new students are in the
// users list.
import { DEMO, expect, expectAccessible, signIn, snap, test } from "./helpers";

/** CRC-32 (IEEE), as zip entries carry it. */
function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A zip of text files, stored (not compressed): local headers, the central directory, the end record. */
function storedZip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, "utf8");
    const fileName = Buffer.from(name, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4); // version made by
    entry.writeUInt16LE(20, 6); // version needed
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(fileName.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    directory.push(entry, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const dir = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** A one-school district: a teacher, two students in one class, and a student row without an email. */
function smallDistrict(run: string) {
  const when = "2026-08-01T00:00:00Z";
  const user = (id: string, role: string, given: string, family: string, email: string) =>
    `${id},active,${when},true,sch-${run},${role},${id},,${given},${family},,${id},${email},,,,,`;
  return {
    "orgs.csv": [
      "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId",
      `dist-${run},active,${when},Maple District,district,MD,`,
      `sch-${run},active,${when},Maple Grove ${run},school,MG,dist-${run}`,
    ].join("\n"),
    "users.csv": [
      "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password",
      user(`t-${run}`, "teacher", "Robin", `Teach${run}`, `robin.${run}@maplegrove.test`),
      user(`s1-${run}`, "student", "Zoe", `Import${run}`, `zoe.${run}@maplegrove.test`),
      user(`s2-${run}`, "student", "Yuri", `Import${run}`, `yuri.${run}@maplegrove.test`),
      user(`s3-${run}`, "student", "Xena", `Noemail${run}`, ""),
    ].join("\n"),
    "classes.csv": [
      "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods",
      `c-${run},active,${when},Imported Science ${run},07,,SCI,scheduled,,sch-${run},,Science,,1`,
    ].join("\n"),
    "enrollments.csv": [
      "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate",
      `e1-${run},active,${when},c-${run},sch-${run},t-${run},teacher,true,,`,
      `e2-${run},active,${when},c-${run},sch-${run},s1-${run},student,false,,`,
      `e3-${run},active,${when},c-${run},sch-${run},s2-${run},student,false,,`,
    ].join("\n"),
  };
}

test("an admin checks a OneRoster zip, sees its bad row, imports it and finds the new students", async ({ page }) => {
  const run = String(Date.now()).slice(-8);
  await signIn(page, DEMO.ADMIN);
  await page.goto("/admin/users");
  await page.getByRole("link", { name: "Import", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import people" })).toBeVisible();

  // Choose the format and the file; nothing is written by the check.
  await page.getByRole("radio", { name: "OneRoster 1.1 (zip)" }).check();
  await page.getByLabel("File", { exact: true }).setInputFiles({
    name: "maple-roster.zip",
    mimeType: "application/zip",
    buffer: storedZip(smallDistrict(run)),
  });
  await snap(page, "admin-import-file-chosen");
  await page.getByRole("button", { name: "Check file", exact: true }).click();

  // The dry run lists the bad row by file, row and column.
  const problems = page.getByRole("table", { name: "Problems by file, row and column" });
  await expect(problems).toBeVisible();
  const bad = problems.getByRole("row").filter({ hasText: "Missing email" });
  await expect(bad).toContainText("users.csv");
  await expect(bad).toContainText("5");
  await expect(bad).toContainText("email");
  const wouldDo = page.getByRole("table", { name: "What the import would do" });
  await expect(wouldDo.getByRole("row").filter({ hasText: "People" })).toContainText("3");
  await snap(page, "admin-import-dry-run");
  await expectAccessible(page, "import dry run");

  // The import skips the bad row and says what it did.
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByText("Import finished", { exact: true })).toBeVisible();
  const did = page.getByRole("table", { name: "What the import did" });
  const people = did.getByRole("row").filter({ hasText: "People" });
  await expect(people.getByRole("cell").nth(1)).toHaveText("3");
  await expect(did.getByRole("row").filter({ hasText: "Classes" }).getByRole("cell").nth(1)).toHaveText("1");
  await snap(page, "admin-import-summary");

  // The new students are in the users list.
  await page.getByRole("link", { name: "Go to users", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await page.getByLabel("Search").fill(`Import${run}`);
  await expect(page.getByText(`Zoe Import${run}`, { exact: true })).toBeVisible();
  await expect(page.getByText(`Yuri Import${run}`, { exact: true })).toBeVisible();
  await expect(page.getByText(`Xena Noemail${run}`)).toHaveCount(0);
  await snap(page, "admin-import-users-list");
});
