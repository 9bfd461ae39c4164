package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

public class Runtime {
    @Size(max = 512)
    @ValidationRule(value = "self.matches('^[^\\\\s]+$')", message = "runtime.image must name a container image such as registry.example.com/team/inference-server:1.0 (not empty, no spaces); omit it to use the image the operator was installed with")
    @JsonPropertyDescription("Inference server image; not empty. Default: the image the operator was installed with.")
    private String image;

    @Size(max = 1024)
    @JsonPropertyDescription("Extra JVM options of the inference server, e.g. -XX:MaxRAMPercentage=75.")
    private String jvmOptions;

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public String getJvmOptions() {
        return jvmOptions;
    }

    public void setJvmOptions(String jvmOptions) {
        this.jvmOptions = jvmOptions;
    }
}
