package main

var c chan int

func main() {
}
