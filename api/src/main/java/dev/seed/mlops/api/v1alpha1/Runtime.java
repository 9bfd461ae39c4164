package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;

public class Runtime {
    @Size(max = 512)
    @JsonPropertyDescription("Inference server image; default: the image the operator was installed with.")
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
