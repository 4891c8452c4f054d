package lib

func main() {}
