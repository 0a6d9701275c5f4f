package com.trustwatch.matter;

import com.trustwatch.security.Roles;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;

import java.io.StringReader;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** The book: roster import, one matter at a time, and the whole list. */
@Controller("/api/matters")
@Secured({Roles.BILLING_MANAGER, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
class MatterController {

    private final ImportRoster importRoster;
    private final SaveMatter saveMatter;
    private final MatterRepository matters;

    MatterController(ImportRoster importRoster, SaveMatter saveMatter, MatterRepository matters) {
        this.importRoster = importRoster;
        this.saveMatter = saveMatter;
        this.matters = matters;
    }

    @Post("/import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    ImportRoster.Result importRoster(@Body String csv, Principal user) {
        return importRoster.importCsv(new StringReader(csv), user.getName());
    }

    @Put("/{matterNumber}")
    HttpResponse<Map<String, Object>> put(@PathVariable String matterNumber, @Body Map<String, Object> body,
                                          Principal user) {
        SaveMatter.Saved saved = saveMatter.save(matterNumber, body, user.getName());
        Map<String, Object> json = MatterFields.toJson(saved.matter());
        return saved.created() ? HttpResponse.created(json) : HttpResponse.ok(json);
    }

    @Get("/{matterNumber}")
    Map<String, Object> get(@PathVariable String matterNumber) {
        return matters.findByMatterNumber(matterNumber).map(MatterFields::toJson)
                .orElseThrow(() -> new NoSuchElementException("no matter " + matterNumber));
    }

    @Get
    List<Map<String, Object>> list() {
        return matters.listOrderByMatterNumber().stream().map(MatterFields::toJson).toList();
    }
}
