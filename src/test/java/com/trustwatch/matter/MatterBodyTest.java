package com.trustwatch.matter;

import com.trustwatch.web.StrictJson;
import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.beans.BeanProperty;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.annotation.SerdeConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MatterBodyTest {

    @Test
    @DisplayName("the PUT body has exactly the JSON fields of MatterFields, in the same order, so the two never drift apart")
    void inStepWithMatterFields() {
        assertThat(BeanIntrospection.getIntrospection(MatterBody.class).getBeanProperties().stream().map(BeanProperty::getName))
                .containsExactlyElementsOf(MatterFields.ALL.stream().map(MatterFields.Field::json).toList());
    }

    @Test
    @DisplayName("every yes/no field is read as a strict JSON boolean and every other as a strict JSON string")
    void strictReaders() {
        for (BeanProperty<MatterBody, Object> p : BeanIntrospection.getIntrospection(MatterBody.class).getBeanProperties()) {
            Class<?> reader = p.getAnnotationMetadata().classValue(SerdeConfig.class, SerdeConfig.DESERIALIZER_CLASS)
                    .orElseThrow(() -> new AssertionError(p.getName() + " has no strict reader"));
            assertThat(reader).as(p.getName()).isEqualTo(Boolean.class.equals(p.getType()) ? StrictJson.Flag.class : StrictJson.Text.class);
        }
        assertThat(MatterBody.class.isAnnotationPresent(Serdeable.class)).isTrue();
    }
}
