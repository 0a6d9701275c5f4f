package com.trustwatch.console;

import com.trustwatch.config.FirmTime;
import io.micronaut.http.HttpRequest;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.model.ViewModelProcessor;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/** Puts {@link Moments} in the firm's time zone into every page's model as {@code at}. */
@Singleton
class FirmTimeOnPages implements ViewModelProcessor<Map<String, Object>> {

    private final Moments moments;

    FirmTimeOnPages(FirmTime firmTime) {
        this.moments = new Moments(firmTime.zone());
    }

    @Override
    public void process(HttpRequest<?> request, ModelAndView<Map<String, Object>> page) {
        Map<String, Object> model = page.getModel().orElse(null);
        if (model == null) {
            return;
        }
        try {
            model.put("at", moments);
        } catch (UnsupportedOperationException fixed) {
            Map<String, Object> copy = new LinkedHashMap<>(model);
            copy.put("at", moments);
            page.setModel(copy);
        }
    }
}
