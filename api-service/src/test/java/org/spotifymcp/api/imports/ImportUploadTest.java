package org.spotifymcp.api.imports;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spotifymcp.api.admin.OpenApiContract;
import org.spotifymcp.shared.testing.SpotifyExportFixtures;
import org.spotifymcp.shared.testing.TestDatabase;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upload endpoint over real HTTP: 202 with a pending, queued job; a problem 413 past
 * {@code IMPORT_MAX_ZIP_SIZE_MB} (1 MB here) with nothing kept; a problem 400 naming a
 * missing {@code file} part; a problem 404 for unknown users; each as
 * {@code /openapi.json} documents it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ImportUploadTest {

	private static final Path EXPORTS = SpotifyExportFixtures.directory();

	private static final String BOUNDARY = "----import-test-boundary";

	@TempDir
	static Path uploads;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
		registry.add("app.import.upload-dir", () -> uploads.toString());
		registry.add("app.import.max-zip-size-mb", () -> "1");
	}

	@LocalServerPort
	int port;

	@Autowired
	DataSource dataSource;

	JdbcTemplate jdbc;

	int user;

	@BeforeEach
	void setUp() {
		this.jdbc = new JdbcTemplate(this.dataSource);
		this.user = this.jdbc.queryForObject("INSERT INTO users (display_name) VALUES ('uploader') RETURNING id",
				Integer.class);
	}

	private HttpResponse<String> upload(String path, String filename, byte[] content, boolean authenticated)
			throws Exception {
		return upload(path, "file", filename, content, authenticated);
	}

	private HttpResponse<String> upload(String path, String partName, String filename, byte[] content,
			boolean authenticated) throws Exception {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + partName + "\"; filename=\""
				+ filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.write(content);
		body.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
		if (authenticated) {
			request.header("Authorization", "Bearer " + TestDatabase.TEST_ADMIN_TOKEN);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private void assertDocumented(HttpResponse<String> response) throws Exception {
		HttpResponse<String> document = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/openapi.json")).build(),
					HttpResponse.BodyHandlers.ofString());
		new OpenApiContract(document.body()).assertDocuments("POST", "/admin/users/{id}/import", response);
	}

	private long storedFiles() throws Exception {
		try (Stream<Path> files = Files.list(uploads)) {
			return files.count();
		}
		catch (java.nio.file.NoSuchFileException ex) {
			return 0;
		}
	}

	@Test
	void anExportIsStoredAndItsJobQueued() throws Exception {
		byte[] zip = Files.readAllBytes(EXPORTS.resolve("account-data.zip"));
		HttpResponse<String> response = upload("/admin/users/" + this.user + "/import", "account-data.zip", zip, true);
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(response.body()).contains("\"status\":\"pending\"")
			.contains("\"original_filename\":\"account-data.zip\"")
			.contains("\"file_size_bytes\":" + zip.length)
			.doesNotContain("stored_path");
		assertDocumented(response);
		Map<String, Object> job = this.jdbc
			.queryForMap("SELECT * FROM import_jobs WHERE user_id = ? ORDER BY id DESC LIMIT 1", this.user);
		assertThat(job.get("status")).isEqualTo("pending");
		Path stored = Path.of((String) job.get("stored_path"));
		assertThat(stored.getParent()).isEqualTo(uploads.toAbsolutePath().normalize());
		assertThat(Files.readAllBytes(stored)).isEqualTo(zip);
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM scheduled_tasks WHERE task_name = 'import-export' AND task_instance = ?",
				Integer.class, String.valueOf(job.get("id"))))
			.isEqualTo(1);
	}

	@Test
	void aBareJsonExportIsAcceptedOnTheAlias() throws Exception {
		byte[] json = Files.readAllBytes(EXPORTS.resolve("extended-3/endsong_1.json"));
		HttpResponse<String> response = upload("/admin/users/" + this.user + "/imports/zip", "endsong_1.json", json,
				true);
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(response.body()).contains("\"original_filename\":\"endsong_1.json\"");
		String stored = this.jdbc.queryForObject(
				"SELECT stored_path FROM import_jobs WHERE user_id = ? ORDER BY id DESC LIMIT 1", String.class,
				this.user);
		assertThat(stored).endsWith(".json");
	}

	@Test
	void tooLargeIsA413AndNothingIsKept() throws Exception {
		long before = storedFiles();
		byte[] big = new byte[1024 * 1024 + 300 * 1024];
		HttpResponse<String> response = upload("/admin/users/" + this.user + "/import", "big.zip", big, true);
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"status\":413")
			.contains("IMPORT_MAX_ZIP_SIZE_MB=1")
			.contains("\"field\":\"file\"");
		assertDocumented(response);
		assertThat(storedFiles()).isEqualTo(before);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM import_jobs WHERE original_filename = 'big.zip'",
				Integer.class))
			.isZero();
	}

	@Test
	void aMissingFilePartIsA400NamingIt() throws Exception {
		byte[] zip = Files.readAllBytes(EXPORTS.resolve("account-data.zip"));
		HttpResponse<String> response = upload("/admin/users/" + this.user + "/import", "export", "account-data.zip",
				zip, true);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"status\":400")
			.contains("\"field\":\"file\"")
			.contains("multipart part 'file' is missing");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM import_jobs WHERE user_id = ?", Integer.class,
				this.user))
			.isZero();
	}

	@Test
	void unknownUserIsA404() throws Exception {
		HttpResponse<String> response = upload("/admin/users/999999/import", "a.zip", new byte[] { 'P', 'K' }, true);
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("\"status\":404")
			.contains("\"detail\":\"no user with id 999999\"")
			.contains("\"instance\":\"/admin/users/999999/import\"");
		assertDocumented(response);
	}

	@Test
	void uploadsNeedTheAdminToken() throws Exception {
		HttpResponse<String> response = upload("/admin/users/" + this.user + "/import", "a.zip",
				new byte[] { 'P', 'K' }, false);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

}
